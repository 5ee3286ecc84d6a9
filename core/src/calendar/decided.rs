//! The days off the Prime Minister decided, 2023–2026 (from the project's
//! facts, `../shared/facts/holidays.md`, retrieved 2026-12-01), shipped as
//! data in this file and used by default on the phone and the server. A
//! decision names the holidays it settles (Tết, 30/4 and 1/5, …) and lists
//! their days off and the Saturdays worked in exchange; the holidays of a
//! year it does not name keep the default rule ([`super::rule`]); for 2023
//! and 2024 only Tết was collected. A server override still replaces a
//! whole year. (A table, not JSON: parsing it on the phone cost 73 KB of
//! the library's budget.)

use chrono::NaiveDate;

use super::holidays::YearOverride;
use super::rule::{self, Entry, Group};
use crate::error::CoreResult;

/// A day as (year, month, day).
type Ymd = (i32, u32, u32);

/// One decision: the holidays it settles, its days off (inclusive spans),
/// the weekly rest days worked in exchange, and where it was read.
struct Decision {
    year: i32,
    holidays: &'static [Group],
    /// The name of a day it adds (Vietnamese, English).
    names: (&'static str, &'static str),
    off: &'static [(Ymd, Ymd)],
    working: &'static [Ymd],
    #[allow(dead_code)]
    source: &'static str,
}

/// Every decision collected, by year.
const DECISIONS: &[Decision] = &[
    Decision {
        year: 2023,
        holidays: &[Group::Tet],
        names: (
            "Tết Nguyên đán (nghỉ theo quyết định)",
            "Lunar New Year (break as decided)",
        ),
        off: &[((2023, 1, 20), (2023, 1, 26))],
        working: &[],
        source: "pld.net.vn, tag \"nghỉ tết nguyên đán\"",
    },
    Decision {
        year: 2024,
        holidays: &[Group::Tet],
        names: (
            "Tết Nguyên đán (nghỉ theo quyết định)",
            "Lunar New Year (break as decided)",
        ),
        off: &[((2024, 2, 8), (2024, 2, 14))],
        working: &[],
        source: "vietnamnews.vn/society/1636141",
    },
    Decision {
        year: 2025,
        holidays: &[Group::Tet],
        names: (
            "Tết Nguyên đán (nghỉ theo quyết định)",
            "Lunar New Year (break as decided)",
        ),
        off: &[((2025, 1, 25), (2025, 2, 2))],
        working: &[],
        source: "document 8726/VPCP-KGVX; en.sggp.org.vn \"Prime Minister approves 9-day Tet break for 2025\" (2024-11-27)",
    },
    Decision {
        year: 2025,
        holidays: &[Group::Reunification, Group::Labour],
        names: (
            "Ngày Chiến thắng, Quốc tế Lao động (nghỉ theo quyết định)",
            "Reunification Day, International Labour Day (break as decided)",
        ),
        off: &[((2025, 4, 30), (2025, 5, 4))],
        working: &[(2025, 4, 26)],
        source: "vietnamnews.vn/society/1693234",
    },
    Decision {
        year: 2025,
        holidays: &[Group::NationalDay],
        names: (
            "Quốc khánh (nghỉ theo quyết định)",
            "National Day (break as decided)",
        ),
        off: &[((2025, 8, 30), (2025, 9, 2))],
        working: &[],
        source: "vietnamnews.vn/society/1722634",
    },
    Decision {
        year: 2026,
        holidays: &[Group::Tet],
        names: (
            "Tết Nguyên đán (nghỉ theo quyết định)",
            "Lunar New Year (break as decided)",
        ),
        off: &[((2026, 2, 14), (2026, 2, 22))],
        working: &[],
        source: "en.baochinhphu.vn \"Prime Minister approves 9-day Lunar New Year holiday in 2026\"",
    },
    Decision {
        year: 2026,
        holidays: &[Group::HungKings],
        names: (
            "Giỗ Tổ Hùng Vương (nghỉ theo quyết định)",
            "Hùng Kings' Commemoration Day (break as decided)",
        ),
        off: &[((2026, 4, 26), (2026, 4, 27))],
        working: &[],
        source: "vietnamnews.vn/politics-laws/1727514",
    },
    Decision {
        year: 2026,
        holidays: &[Group::Reunification, Group::Labour],
        names: (
            "Ngày Chiến thắng, Quốc tế Lao động (nghỉ theo quyết định)",
            "Reunification Day, International Labour Day (break as decided)",
        ),
        off: &[((2026, 4, 30), (2026, 5, 1))],
        working: &[],
        source: "vietnam-briefing.com (2026 holiday schedule)",
    },
    Decision {
        year: 2026,
        holidays: &[Group::NationalDay],
        names: (
            "Quốc khánh (nghỉ theo quyết định)",
            "National Day (break as decided)",
        ),
        off: &[((2026, 8, 31), (2026, 9, 2))],
        working: &[(2026, 8, 22)],
        source: "vietnam-briefing.com (2026 holiday schedule)",
    },
];

/// Every decided year, merged with the default rule for what it leaves,
/// in year order. (Plain loops and vectors: each new generic container
/// here cost kilobytes of the library.)
pub(crate) fn years() -> Vec<YearOverride> {
    let mut years = Vec::new();
    let mut rest = DECISIONS;
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|d| d.year == first.year).count();
        let (year, tail) = rest.split_at(n);
        // The table is checked by the tests; a year that does not fit the
        // calendar keeps the default rule.
        if let Ok(merged) = merge(first.year, year) {
            years.push(merged);
        }
        rest = tail;
    }
    years
}

fn day((y, m, d): Ymd) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The year's days off: the decisions' days for the holidays they settle,
/// the default rule's (with its days in lieu) for the rest.
fn merge(year: i32, decisions: &[Decision]) -> CoreResult<YearOverride> {
    let settled = |g: Group| decisions.iter().any(|d| d.holidays.contains(&g));
    let mut days = std::collections::BTreeMap::new();
    let mut replaced: Vec<Entry> = Vec::new();
    for (date, e) in rule::statutory_days(year)? {
        if e.groups.iter().all(|&g| settled(g)) {
            replaced.push(e);
        } else {
            days.insert(date, e);
        }
    }
    for decision in decisions {
        let (vi, en) = decision.names;
        for &(from, to) in decision.off {
            for date in rule::span(day(from), day(to)) {
                let entry = match replaced.iter().find(|e| e.holiday.date == date) {
                    Some(e) => e.clone(),
                    None => Entry {
                        holiday: rule::holiday(date, vi, en, false),
                        groups: decision.holidays.to_vec(),
                    },
                };
                days.entry(date).or_insert(entry);
            }
        }
    }
    rule::add_days_in_lieu(&mut days, year, |g| g != Group::Tet && !settled(g))?;
    Ok(YearOverride {
        year,
        days_off: days.into_values().map(|e| e.holiday).collect(),
        // In the table's order, which is the date order.
        extra_working_days: decisions
            .iter()
            .flat_map(|d| d.working.iter().map(|&w| day(w)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::default_holidays;
    use chrono::Datelike;
    use std::collections::BTreeSet;

    fn decided(year: i32) -> YearOverride {
        years().into_iter().find(|y| y.year == year).unwrap()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn weekdays_off(year: i32, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let off: BTreeSet<NaiveDate> = decided(year).days_off.iter().map(|h| h.date).collect();
        rule::span(from, to)
            .filter(|d| off.contains(d) && !rule::is_weekend(*d))
            .collect()
    }

    #[test]
    fn the_table_holds_real_dates_in_their_own_year() {
        for d in DECISIONS {
            for &(from, to) in d.off {
                assert!(day(from) != NaiveDate::MIN && day(from) <= day(to));
                assert!(day(from).year() == d.year && day(to).year() == d.year);
            }
            for &w in d.working {
                assert!(rule::is_weekend(day(w)) && day(w).year() == d.year);
            }
        }
    }

    #[test]
    fn the_shipped_decisions_load_for_2023_to_2026() {
        assert_eq!(
            years().iter().map(|y| y.year).collect::<Vec<_>>(),
            [2023, 2024, 2025, 2026]
        );
        for y in years() {
            assert!(y.days_off.windows(2).all(|w| w[0].date < w[1].date));
            assert!(y.days_off.iter().all(|h| h.date.year() == y.year));
        }
    }

    #[test]
    fn tet_2025_and_2026_are_the_decided_nine_days() {
        let tet_2025 = weekdays_off(2025, ymd(2025, 1, 20), ymd(2025, 2, 10));
        assert_eq!(
            tet_2025,
            rule::span(ymd(2025, 1, 27), ymd(2025, 1, 31)).collect::<Vec<_>>()
        );
        let tet_2026 = weekdays_off(2026, ymd(2026, 2, 9), ymd(2026, 2, 28));
        assert_eq!(
            tet_2026,
            rule::span(ymd(2026, 2, 16), ymd(2026, 2, 20)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn swapped_saturdays_are_worked_and_their_weekdays_off() {
        let y2025 = decided(2025);
        assert_eq!(y2025.extra_working_days, [ymd(2025, 4, 26)]);
        assert_eq!(
            weekdays_off(2025, ymd(2025, 4, 28), ymd(2025, 5, 9)),
            [ymd(2025, 4, 30), ymd(2025, 5, 1), ymd(2025, 5, 2)]
        );
        let y2026 = decided(2026);
        assert_eq!(y2026.extra_working_days, [ymd(2026, 8, 22)]);
        assert_eq!(
            weekdays_off(2026, ymd(2026, 8, 24), ymd(2026, 9, 11)),
            [ymd(2026, 8, 31), ymd(2026, 9, 1), ymd(2026, 9, 2)]
        );
        // Hùng Kings' day on Sunday 26/4/2026: Monday 27/4 off.
        assert_eq!(
            weekdays_off(2026, ymd(2026, 4, 20), ymd(2026, 4, 29)),
            [ymd(2026, 4, 27)]
        );
    }

    #[test]
    fn what_2023_and_2024_did_not_decide_keeps_the_default_rule() {
        // Only Tết was collected for these years: 30/4, 1/5, 2/9 and the
        // days in lieu come from the rule.
        for year in [2023, 2024] {
            let decided: BTreeSet<NaiveDate> =
                decided(year).days_off.iter().map(|h| h.date).collect();
            for h in default_holidays(year).unwrap() {
                if !h.name_vi.starts_with("Tết Nguyên") {
                    assert!(
                        decided.contains(&h.date),
                        "{year}: {} {}",
                        h.date,
                        h.name_en
                    );
                }
            }
        }
        // 2023: Tết Friday 20/1 – Thursday 26/1, as decided.
        assert_eq!(
            weekdays_off(2023, ymd(2023, 1, 16), ymd(2023, 2, 3)),
            [
                ymd(2023, 1, 20),
                ymd(2023, 1, 23),
                ymd(2023, 1, 24),
                ymd(2023, 1, 25),
                ymd(2023, 1, 26)
            ]
        );
    }

    /// The check of the default rule against the decisions (see
    /// `rule`'s doc): its Tết weekdays are the decided ones in all four
    /// years; in 2025 and 2026 the rest differs only by the swapped days.
    #[test]
    fn the_default_rule_gives_the_decided_tet_weekdays_and_misses_only_the_swaps() {
        for year in 2023..=2026 {
            let rule_days: BTreeSet<NaiveDate> = default_holidays(year)
                .unwrap()
                .iter()
                .map(|h| h.date)
                .collect();
            let decided: BTreeSet<NaiveDate> =
                decided(year).days_off.iter().map(|h| h.date).collect();
            let weekday = |d: &&NaiveDate| !rule::is_weekend(**d);
            let only_decided: Vec<_> = decided
                .difference(&rule_days)
                .filter(weekday)
                .copied()
                .collect();
            let only_rule: Vec<_> = rule_days
                .difference(&decided)
                .filter(weekday)
                .copied()
                .collect();
            let expected: (Vec<NaiveDate>, Vec<NaiveDate>) = match year {
                2025 => (vec![ymd(2025, 5, 2)], vec![]),
                2026 => (vec![ymd(2026, 8, 31)], vec![]),
                _ => (vec![], vec![]),
            };
            assert_eq!((only_decided, only_rule), expected, "{year}");
        }
    }
}
