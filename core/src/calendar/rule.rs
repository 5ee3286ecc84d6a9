//! The default rule for a year's days off, used for the years the Prime
//! Minister's decisions in [`super::decided`] do not cover (Labour Code 2019,
//! art. 112, and the practice of the decided years):
//! - 1 January;
//! - Tết: seven days, from two days before the first day of the lunar year
//!   to its 5th day. The law gives 5 days and the Prime Minister fixes
//!   them; in every decided year (2023–2026) the weekdays off were exactly
//!   the weekdays of this span (the weekends inside it make up for Tết days
//!   on a weekend, so Tết has no separate day in lieu);
//! - Hùng Kings' day, the 10th of the third lunar month;
//! - 30 April and 1 May;
//! - 2 September plus one adjacent day: 3 September when 2 September is a
//!   Sunday, Monday or Thursday, else 1 September, the choice that joins the
//!   break to a weekend where one day can (as decided 2021–2025);
//! - a holiday other than Tết on a Saturday or Sunday gives the next Monday
//!   to Friday that is not already off (in date order). Two holidays on one
//!   date make one day off with both names.
//!
//! What no rule foresees: swapped days (a weekday off in exchange for a
//! worked Saturday, as on 2/5/2025 for 26/4 and 31/8/2026 for 22/8); those
//! come with the decisions.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

use super::holidays::Holiday;
use super::lunar::{FIRST_YEAR, LAST_YEAR, LunarDate, to_solar};
use crate::error::{CoreError, CoreResult};

/// Which holiday of the law a day off belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Group {
    /// 1 January.
    NewYear,
    /// Lunar New Year.
    Tet,
    /// 10/3 lunar.
    HungKings,
    /// 30 April.
    Reunification,
    /// 1 May.
    Labour,
    /// 2 September and its adjacent day.
    NationalDay,
}

impl Group {
    /// Its name in Vietnamese and English.
    pub(crate) fn names(self) -> (&'static str, &'static str) {
        match self {
            Group::NewYear => ("Tết Dương lịch", "New Year's Day"),
            Group::Tet => ("Tết Nguyên đán", "Lunar New Year"),
            Group::HungKings => ("Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration Day"),
            Group::Reunification => ("Ngày Chiến thắng", "Reunification Day"),
            Group::Labour => ("Ngày Quốc tế Lao động", "International Labour Day"),
            Group::NationalDay => ("Quốc khánh", "National Day"),
        }
    }
}

/// One day off with the holidays it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub holiday: Holiday,
    pub groups: Vec<Group>,
}

/// The days off of the rule's holidays in `year`, before days in lieu.
pub(crate) fn statutory_days(year: i32) -> CoreResult<BTreeMap<NaiveDate, Entry>> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(CoreError::invalid(
            "year",
            format!("Chỉ tính được ngày nghỉ lễ cho các năm {FIRST_YEAR}–{LAST_YEAR}."),
            format!("Holidays can be computed only for the years {FIRST_YEAR}–{LAST_YEAR}."),
        ));
    }
    let mut days = BTreeMap::new();
    add(&mut days, ymd(year, 1, 1)?, Group::NewYear, None);
    let tet = to_solar(LunarDate::new(1, 1, year, false))?;
    let parts = [
        ("trước Tết", "before the new year"),
        ("trước Tết", "before the new year"),
        ("mùng 1", "day 1"),
        ("mùng 2", "day 2"),
        ("mùng 3", "day 3"),
        ("mùng 4", "day 4"),
        ("mùng 5", "day 5"),
    ];
    for (offset, part) in (-2i64..).zip(parts) {
        let date = tet
            .checked_add_signed(chrono::Duration::days(offset))
            .ok_or_else(|| date_error(year))?;
        add(&mut days, date, Group::Tet, Some(part));
    }
    let hung_kings = to_solar(LunarDate::new(10, 3, year, false))?;
    add(&mut days, hung_kings, Group::HungKings, None);
    add(&mut days, ymd(year, 4, 30)?, Group::Reunification, None);
    add(&mut days, ymd(year, 5, 1)?, Group::Labour, None);
    add(&mut days, ymd(year, 9, 2)?, Group::NationalDay, None);
    add(
        &mut days,
        national_day_adjacent(year)?,
        Group::NationalDay,
        Some(("ngày liền kề", "adjacent day")),
    );
    Ok(days)
}

/// The first day of Tết and the other fixed dates the law names: a list
/// of days off for `year` must hold these.
pub(crate) fn fixed_days(year: i32) -> CoreResult<Vec<Entry>> {
    let days = statutory_days(year)?;
    let fixed = [
        ymd(year, 1, 1)?,
        to_solar(LunarDate::new(1, 1, year, false))?,
        to_solar(LunarDate::new(10, 3, year, false))?,
        ymd(year, 4, 30)?,
        ymd(year, 5, 1)?,
        ymd(year, 9, 2)?,
    ];
    // In date order, once each (Hùng Kings' day may fall on 30/4 or 1/5).
    Ok(days
        .into_values()
        .filter(|e| fixed.contains(&e.holiday.date))
        .collect())
}

/// The default days off of `year` (see the module doc), one entry per day,
/// sorted by date, for years [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn default_holidays(year: i32) -> CoreResult<Vec<Holiday>> {
    let mut days = statutory_days(year)?;
    add_days_in_lieu(&mut days, year, |g| g != Group::Tet)?;
    Ok(days.into_values().map(|e| e.holiday).collect())
}

/// Adds a day in lieu for each day off on a Saturday or Sunday whose
/// holidays `compensated` accepts.
pub(crate) fn add_days_in_lieu(
    days: &mut BTreeMap<NaiveDate, Entry>,
    year: i32,
    compensated: impl Fn(Group) -> bool,
) -> CoreResult<()> {
    let on_weekend: Vec<Entry> = days
        .values()
        .filter(|e| is_weekend(e.holiday.date) && e.groups.iter().all(|&g| compensated(g)))
        .cloned()
        .collect();
    for e in on_weekend {
        let mut date = e.holiday.date;
        loop {
            date = date.succ_opt().ok_or_else(|| date_error(year))?;
            if !is_weekend(date) && !days.contains_key(&date) {
                break;
            }
        }
        let vi = format!("Nghỉ bù {}", e.holiday.name_vi);
        let en = format!("Day off in lieu of {}", e.holiday.name_en);
        days.insert(
            date,
            Entry {
                holiday: holiday(date, &vi, &en, true),
                groups: e.groups.clone(),
            },
        );
    }
    Ok(())
}

/// The day joined to 2 September (see the module doc).
pub(crate) fn national_day_adjacent(year: i32) -> CoreResult<NaiveDate> {
    let day = match ymd(year, 9, 2)?.weekday() {
        Weekday::Sun | Weekday::Mon | Weekday::Thu => 3,
        _ => 1,
    };
    ymd(year, 9, day)
}

fn add(
    days: &mut BTreeMap<NaiveDate, Entry>,
    date: NaiveDate,
    group: Group,
    part: Option<(&str, &str)>,
) {
    let (vi, en) = group.names();
    let (vi, en) = match part {
        Some((pv, pe)) => (format!("{vi} ({pv})"), format!("{en} ({pe})")),
        None => (vi.to_owned(), en.to_owned()),
    };
    days.entry(date)
        .and_modify(|e| {
            e.holiday.name_vi = format!("{}; {vi}", e.holiday.name_vi);
            e.holiday.name_en = format!("{}; {en}", e.holiday.name_en);
            e.groups.push(group);
        })
        .or_insert_with(|| Entry {
            holiday: holiday(date, &vi, &en, false),
            groups: vec![group],
        });
}

/// A day off named `vi` / `en`.
pub(crate) fn holiday(date: NaiveDate, vi: &str, en: &str, compensatory: bool) -> Holiday {
    Holiday {
        date,
        name_vi: vi.to_owned(),
        name_en: en.to_owned(),
        compensatory,
    }
}

/// Saturday or Sunday.
pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Days from `from` to `to`, both included.
pub(crate) fn span(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

fn ymd(year: i32, month: u32, day: u32) -> CoreResult<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| date_error(year))
}

fn date_error(year: i32) -> CoreError {
    CoreError::invalid(
        "year",
        format!("Năm {year} nằm ngoài phạm vi lịch."),
        format!("The year {year} is out of the calendar's range."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dates(holidays: &[Holiday]) -> Vec<NaiveDate> {
        holidays.iter().map(|h| h.date).collect()
    }

    fn compensatory(holidays: &[Holiday]) -> Vec<NaiveDate> {
        holidays
            .iter()
            .filter(|h| h.compensatory)
            .map(|h| h.date)
            .collect()
    }

    #[test]
    fn the_default_for_2027_has_a_seven_day_tet_and_the_fixed_holidays() {
        // Tết 2027 is Saturday 6/2: the break runs Thursday 4/2 – Wednesday 10/2.
        let days = default_holidays(2027).unwrap();
        let tet: Vec<_> = dates(&days)
            .into_iter()
            .filter(|d| (ymd(2027, 2, 1)..=ymd(2027, 2, 28)).contains(d))
            .collect();
        assert_eq!(
            tet,
            span(ymd(2027, 2, 4), ymd(2027, 2, 10)).collect::<Vec<_>>()
        );
        assert_eq!(days[1].name_en, "Lunar New Year (before the new year)");
        assert_eq!(days[3].name_vi, "Tết Nguyên đán (mùng 1)");
        for fixed in [
            ymd(2027, 1, 1),
            ymd(2027, 4, 30),
            ymd(2027, 5, 1),
            ymd(2027, 9, 2),
        ] {
            assert!(dates(&days).contains(&fixed), "{fixed}");
        }
    }

    #[test]
    fn weekend_holidays_of_2022_give_the_days_in_lieu_that_were_decided() {
        let days = default_holidays(2022).unwrap();
        // 1 Jan (Sat); Hùng Kings 10 Apr (Sun); 30 Apr (Sat) and 1 May (Sun).
        assert_eq!(
            compensatory(&days),
            [
                ymd(2022, 1, 3),
                ymd(2022, 4, 11),
                ymd(2022, 5, 2),
                ymd(2022, 5, 3)
            ]
        );
    }

    #[test]
    fn national_day_adjacent_day_matches_the_2021_to_2025_decisions() {
        let decided = [
            (2021, ymd(2021, 9, 3)),
            (2022, ymd(2022, 9, 1)),
            (2023, ymd(2023, 9, 1)),
            (2024, ymd(2024, 9, 3)),
            (2025, ymd(2025, 9, 1)),
        ];
        for (year, day) in decided {
            assert_eq!(national_day_adjacent(year).unwrap(), day);
        }
    }

    #[test]
    fn every_default_year_is_sorted_unique_and_compensates_each_weekend_holiday() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let days = default_holidays(year).unwrap();
            assert!(days.windows(2).all(|w| w[0].date < w[1].date), "{year}");
            assert!(days.iter().all(|h| h.date.year() == year), "{year}");
            let tet = days
                .iter()
                .filter(|h| h.name_vi.starts_with("Tết Nguyên"))
                .count();
            assert_eq!(tet, 7, "{year}");
            let (lieu, public): (Vec<_>, Vec<_>) = days
                .iter()
                .filter(|h| !h.name_vi.starts_with("Tết Nguyên"))
                .partition(|h| h.compensatory);
            // 6 days, or 5 when Hùng Kings' day meets 30/4 or 1/5.
            assert!(matches!(public.len(), 5 | 6), "{year}");
            let on_weekend = public.iter().filter(|h| is_weekend(h.date)).count();
            assert_eq!(lieu.len(), on_weekend, "{year}");
            assert!(lieu.iter().all(|h| !is_weekend(h.date)), "{year}");
        }
    }

    #[test]
    fn years_outside_the_lunar_range_have_no_default() {
        assert_eq!(default_holidays(1899).unwrap_err().field(), Some("year"));
        assert!(default_holidays(2200).is_err());
        assert!(default_holidays(i32::MAX).is_err());
    }
}
