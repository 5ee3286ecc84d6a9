//! Ngày nghỉ lễ, Tết: a year's days off. In order of precedence: the
//! server's list for the year (an override, kept whole but never without
//! the holidays the law fixes), the Prime Minister's decisions shipped with
//! the core ([`super::decided`], 2023–2026), and the default rule
//! ([`super::rule`]) for every other year.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{decided, rule};
use crate::error::{CoreError, CoreResult};

pub use super::rule::default_holidays;

/// One day off: a public holiday or a compensatory day (nghỉ bù).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its name in Vietnamese.
    pub name_vi: String,
    /// Its name in English.
    pub name_en: String,
    /// Whether it is a day off in lieu of a holiday on a weekly rest day.
    pub compensatory: bool,
}

/// The days off of one year as decided by the government (from the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct YearOverride {
    /// The Gregorian year it replaces.
    pub year: i32,
    /// Every day off of the year, compensatory and swapped days included.
    pub days_off: Vec<Holiday>,
    /// Weekly rest days that become working days (làm bù).
    pub extra_working_days: Vec<NaiveDate>,
}

/// One line of a year's calendar: a day off, or a weekly rest day worked
/// in exchange for one (`working`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarDay {
    /// The day.
    pub date: NaiveDate,
    /// What it is, in Vietnamese.
    pub name_vi: String,
    /// What it is, in English.
    pub name_en: String,
    /// A day off in lieu of a holiday on a weekly rest day.
    pub compensatory: bool,
    /// A weekly rest day that is worked (làm bù).
    pub working: bool,
}

impl YearOverride {
    /// This list with the holidays the law fixes that it left out put back
    /// (1/1, the first day of Tết, Hùng Kings' day, 30/4, 1/5, 2/9): a
    /// decision adds days, it cannot take away what the law gives. One of
    /// them made a working day is refused (field `year_override`).
    pub fn with_fixed_holidays(mut self) -> CoreResult<Self> {
        keep_fixed_holidays(&mut self)?;
        self.days_off.sort_by_key(|h| h.date);
        Ok(self)
    }

    /// Its days off and worked rest days as one list, in date order.
    pub fn days(&self) -> Vec<CalendarDay> {
        let mut days: Vec<CalendarDay> = self
            .days_off
            .iter()
            .map(|h| CalendarDay {
                date: h.date,
                name_vi: h.name_vi.clone(),
                name_en: h.name_en.clone(),
                compensatory: h.compensatory,
                working: false,
            })
            .chain(self.extra_working_days.iter().map(|&date| CalendarDay {
                date,
                name_vi: "Làm bù (ngày nghỉ hằng tuần đi làm)".to_owned(),
                name_en: "Worked in exchange (a weekly rest day)".to_owned(),
                compensatory: false,
                working: true,
            }))
            .collect();
        days.sort_by_key(|d| d.date);
        days
    }
}

/// Public holidays by year: the server's overrides, else the decided
/// years, else the default rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayCalendar {
    overrides: BTreeMap<i32, YearOverride>,
    /// The decisions shipped with the core, by year.
    decided: BTreeMap<i32, YearOverride>,
}

impl Default for HolidayCalendar {
    fn default() -> Self {
        let mut decided = BTreeMap::new();
        for year in decided::years() {
            decided.insert(year.year, year);
        }
        Self {
            overrides: BTreeMap::new(),
            decided,
        }
    }
}

impl HolidayCalendar {
    /// A calendar with the decided years and the default rule for the rest.
    pub fn new() -> Self {
        Self::default()
    }

    /// A calendar with the given overrides (each checked as by [`Self::set_override`]).
    pub fn with_overrides(overrides: impl IntoIterator<Item = YearOverride>) -> CoreResult<Self> {
        let mut calendar = Self::new();
        for year_override in overrides {
            calendar.set_override(year_override)?;
        }
        Ok(calendar)
    }

    /// Replaces the decided or default days of a year by the server's
    /// list, sorted; rejects dates outside the year, a date listed twice,
    /// and a date both off and working (error field `year_override`). The
    /// server completes a list with [`YearOverride::with_fixed_holidays`]
    /// before it stores or publishes it.
    pub fn set_override(&mut self, mut year_override: YearOverride) -> CoreResult<()> {
        let year = year_override.year;
        year_override.extra_working_days.sort();
        let off = year_override.days_off.iter().map(|h| h.date);
        let working = year_override.extra_working_days.iter().copied();
        if let Some(date) = off
            .clone()
            .chain(working.clone())
            .find(|d| d.year() != year)
        {
            return Err(override_error(
                format!("Ngày {date} không thuộc năm {year}."),
                format!("{date} is not in {year}."),
            ));
        }
        let mut all: Vec<NaiveDate> = off.chain(working).collect();
        all.sort();
        if let Some(pair) = all.windows(2).find(|w| w[0] == w[1]) {
            let date = pair[0];
            return Err(override_error(
                format!("Ngày {date} được liệt kê hai lần."),
                format!("{date} is listed twice."),
            ));
        }
        year_override.days_off.sort_by_key(|h| h.date);
        self.overrides.insert(year, year_override);
        Ok(())
    }

    /// Drops the override of `year`, going back to the default rule.
    pub fn remove_override(&mut self, year: i32) -> Option<YearOverride> {
        self.overrides.remove(&year)
    }

    /// The override set for `year`, if any.
    pub fn year_override(&self, year: i32) -> Option<&YearOverride> {
        self.overrides.get(&year)
    }

    /// The days off of `year`, sorted: the override if set, else the
    /// decided year, else the default rule.
    pub fn holidays(&self, year: i32) -> CoreResult<Vec<Holiday>> {
        match self.decided_or_set(year) {
            Some(known) => Ok(known.days_off.clone()),
            None => default_holidays(year),
        }
    }

    /// The whole of `year` as in force here: its days off and the weekly
    /// rest days worked in exchange.
    pub fn year(&self, year: i32) -> CoreResult<YearOverride> {
        match self.decided_or_set(year) {
            Some(known) => Ok(known.clone()),
            None => Ok(YearOverride {
                year,
                days_off: default_holidays(year)?,
                extra_working_days: Vec::new(),
            }),
        }
    }

    /// Whether `year`'s days come from a decision or an override rather
    /// than the default rule.
    pub fn is_decided(&self, year: i32) -> bool {
        self.decided_or_set(year).is_some()
    }

    fn decided_or_set(&self, year: i32) -> Option<&YearOverride> {
        self.overrides
            .get(&year)
            .or_else(|| self.decided.get(&year))
    }

    /// The holiday or compensatory day off on `date`, if any.
    pub fn holiday_on(&self, date: NaiveDate) -> CoreResult<Option<Holiday>> {
        Ok(self
            .holidays(date.year())?
            .into_iter()
            .find(|h| h.date == date))
    }

    /// Whether `date` is a holiday or compensatory day off (weekly rest days
    /// are the business of [`super::WorkingCalendar`]).
    pub fn is_day_off(&self, date: NaiveDate) -> CoreResult<bool> {
        Ok(self.holiday_on(date)?.is_some())
    }

    /// Whether `date` is a weekly rest day made a working day by a decision
    /// or an override.
    pub fn is_extra_working_day(&self, date: NaiveDate) -> bool {
        self.extra_working_days(date.year()).contains(&date)
    }

    /// The extra working days of `year` (none under the default rule).
    pub fn extra_working_days(&self, year: i32) -> &[NaiveDate] {
        self.decided_or_set(year)
            .map_or(&[], |o| o.extra_working_days.as_slice())
    }
}

/// Puts back into `year_override` the holidays the law fixes that it left
/// out, and refuses one made a working day.
fn keep_fixed_holidays(year_override: &mut YearOverride) -> CoreResult<()> {
    let year = year_override.year;
    if !(super::FIRST_YEAR..=super::LAST_YEAR).contains(&year) {
        return Ok(()); // no lunar dates to check against
    }
    for fixed in rule::fixed_days(year)? {
        let date = fixed.holiday.date;
        if year_override.extra_working_days.contains(&date) {
            return Err(override_error(
                format!(
                    "{date} ({}) là ngày lễ luật định, không thể là ngày làm bù.",
                    fixed.holiday.name_vi
                ),
                format!(
                    "{date} ({}) is a statutory holiday and cannot be a working day.",
                    fixed.holiday.name_en
                ),
            ));
        }
        if !year_override.days_off.iter().any(|h| h.date == date) {
            year_override.days_off.push(fixed.holiday);
        }
    }
    Ok(())
}

fn override_error(vi: String, en: String) -> CoreError {
    CoreError::invalid(
        "year_override",
        format!("Danh sách ngày nghỉ không hợp lệ: {vi}"),
        format!("Invalid list of days off: {en}"),
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

    fn override_2027() -> YearOverride {
        let off = |d: NaiveDate| rule::holiday(d, "Nghỉ", "Off", false);
        YearOverride {
            year: 2027,
            days_off: vec![off(ymd(2027, 2, 12)), off(ymd(2027, 1, 1))],
            extra_working_days: vec![ymd(2027, 2, 20)],
        }
    }

    #[test]
    fn a_server_override_replaces_the_year_but_keeps_the_fixed_holidays() {
        let completed = override_2027().with_fixed_holidays().unwrap();
        let calendar = HolidayCalendar::with_overrides([completed]).unwrap();
        let days = calendar.holidays(2027).unwrap();
        // 1/1 and 12/2 as listed; Tết's first day (6/2), Hùng Kings' day
        // (16/4), 30/4, 1/5 and 2/9 put back; the rule's other days gone.
        assert_eq!(
            dates(&days),
            [
                ymd(2027, 1, 1),
                ymd(2027, 2, 6),
                ymd(2027, 2, 12),
                ymd(2027, 4, 16),
                ymd(2027, 4, 30),
                ymd(2027, 5, 1),
                ymd(2027, 9, 2)
            ]
        );
        assert!(!calendar.is_day_off(ymd(2027, 2, 8)).unwrap());
        assert!(calendar.is_extra_working_day(ymd(2027, 2, 20)));
        assert!(!calendar.is_extra_working_day(ymd(2027, 2, 21)));
        // Other years keep what they had.
        assert!(calendar.is_day_off(ymd(2028, 4, 30)).unwrap());
        assert_eq!(
            calendar
                .holiday_on(ymd(2028, 9, 2))
                .unwrap()
                .unwrap()
                .name_en,
            "National Day"
        );
    }

    #[test]
    fn a_statutory_holiday_cannot_be_made_a_working_day() {
        let mut bad = override_2027();
        bad.extra_working_days.push(ymd(2027, 4, 30));
        let err = bad.with_fixed_holidays().unwrap_err();
        assert_eq!(err.field(), Some("year_override"));
        assert!(err.en().contains("statutory") && err.vi().contains("luật định"));
    }

    #[test]
    fn decided_years_apply_by_default_and_an_override_replaces_them() {
        let calendar = HolidayCalendar::new();
        assert!(calendar.is_decided(2025) && !calendar.is_decided(2027));
        assert!(calendar.is_day_off(ymd(2025, 5, 2)).unwrap());
        assert!(calendar.is_extra_working_day(ymd(2025, 4, 26)));
        let year = calendar.year(2025).unwrap();
        assert_eq!(year.extra_working_days, [ymd(2025, 4, 26)]);
        let mut changed = calendar.clone();
        let empty = YearOverride {
            year: 2025,
            days_off: vec![],
            extra_working_days: vec![],
        };
        changed
            .set_override(empty.with_fixed_holidays().unwrap())
            .unwrap();
        assert!(!changed.is_day_off(ymd(2025, 5, 2)).unwrap());
        assert!(changed.is_day_off(ymd(2025, 4, 30)).unwrap());
        assert!(changed.remove_override(2025).is_some());
        assert!(changed.is_day_off(ymd(2025, 5, 2)).unwrap());
    }

    #[test]
    fn overrides_work_beyond_the_lunar_range() {
        let calendar = HolidayCalendar::with_overrides([YearOverride {
            year: 2300,
            days_off: vec![rule::holiday(ymd(2300, 1, 1), "Tết", "New Year", false)],
            extra_working_days: vec![],
        }])
        .unwrap();
        assert!(calendar.is_day_off(ymd(2300, 1, 1)).unwrap());
        assert!(HolidayCalendar::new().is_day_off(NaiveDate::MAX).is_err());
    }

    #[test]
    fn inconsistent_overrides_are_rejected_naming_year_override() {
        let mut outside = override_2027();
        outside.extra_working_days.push(ymd(2026, 12, 26));
        let mut twice = override_2027();
        twice
            .days_off
            .push(rule::holiday(ymd(2027, 1, 1), "Lặp", "Again", false));
        let mut both = override_2027();
        both.extra_working_days.push(ymd(2027, 2, 12));
        for bad in [outside, twice, both] {
            let err = HolidayCalendar::new().set_override(bad).unwrap_err();
            assert_eq!(err.field(), Some("year_override"));
        }
    }
}
