//! Ngày nghỉ lễ, Tết: the public holidays of a year (Labour Code 2019,
//! art. 112). The Prime Minister fixes the exact Tết span and swaps working
//! days each year, so the server's list for a year, when there is one,
//! replaces the default computed here offline.
//!
//! The default rule, applied to every year:
//! - 1 January;
//! - Tết, 5 days: the last day of the lunar year (29 or 30 tháng Chạp) and
//!   the 1st to 4th of the first lunar month;
//! - Hùng Kings' day, the 10th of the third lunar month;
//! - 30 April and 1 May;
//! - 2 September plus one adjacent day: 3 September when 2 September is a
//!   Sunday, Monday or Thursday, else 1 September — the choice that joins
//!   the break to a weekend where one day can, as decided in 2021–2025;
//! - compensation: each holiday on a Saturday or Sunday gives the next
//!   Monday-to-Friday day that is not already off (taken in date order),
//!   the standard Monday–Friday week. Two holidays on one date make one day
//!   off, with both names.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::lunar::{FIRST_YEAR, LAST_YEAR, LunarDate, to_solar};
use crate::error::{CoreError, CoreResult};

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

/// The default days off of `year` (see the module doc), one entry per day,
/// sorted by date, for years [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn default_holidays(year: i32) -> CoreResult<Vec<Holiday>> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(CoreError::invalid(
            "year",
            format!("Chỉ tính được ngày nghỉ lễ cho các năm {FIRST_YEAR}–{LAST_YEAR}."),
            format!("Holidays can be computed only for the years {FIRST_YEAR}–{LAST_YEAR}."),
        ));
    }
    let tet = to_solar(LunarDate::new(1, 1, year, false))?;
    let tet_eve = tet.pred_opt().ok_or_else(|| date_error(year))?;
    let mut days: BTreeMap<NaiveDate, Holiday> = BTreeMap::new();
    let mut add = |date: NaiveDate, vi: &str, en: &str| {
        days.entry(date)
            .and_modify(|h| {
                h.name_vi = format!("{}; {vi}", h.name_vi);
                h.name_en = format!("{}; {en}", h.name_en);
            })
            .or_insert_with(|| holiday(date, vi, en, false));
    };
    add(ymd(year, 1, 1)?, "Tết Dương lịch", "New Year's Day");
    add(
        tet_eve,
        "Tết Nguyên đán (ngày cuối năm)",
        "Lunar New Year (last day of the year)",
    );
    for n in 1..=4 {
        let date = tet
            .checked_add_days(Days::new(n - 1))
            .ok_or_else(|| date_error(year))?;
        add(
            date,
            &format!("Tết Nguyên đán (mùng {n})"),
            &format!("Lunar New Year (day {n})"),
        );
    }
    add(
        to_solar(LunarDate::new(10, 3, year, false))?,
        "Giỗ Tổ Hùng Vương",
        "Hùng Kings' Commemoration Day",
    );
    add(ymd(year, 4, 30)?, "Ngày Chiến thắng", "Reunification Day");
    add(
        ymd(year, 5, 1)?,
        "Ngày Quốc tế Lao động",
        "International Labour Day",
    );
    add(ymd(year, 9, 2)?, "Quốc khánh", "National Day");
    add(
        national_day_adjacent(year)?,
        "Quốc khánh (ngày liền kề)",
        "National Day (adjacent day)",
    );
    add_compensatory_days(&mut days, year)?;
    Ok(days.into_values().collect())
}

/// The day joined to 2 September (see the module doc).
fn national_day_adjacent(year: i32) -> CoreResult<NaiveDate> {
    let day = match ymd(year, 9, 2)?.weekday() {
        Weekday::Sun | Weekday::Mon | Weekday::Thu => 3,
        _ => 1,
    };
    ymd(year, 9, day)
}

/// Adds a day in lieu for each holiday on a Saturday or Sunday.
fn add_compensatory_days(days: &mut BTreeMap<NaiveDate, Holiday>, year: i32) -> CoreResult<()> {
    let on_weekend: Vec<Holiday> = days
        .values()
        .filter(|h| is_weekend(h.date))
        .cloned()
        .collect();
    for h in on_weekend {
        let mut date = h.date;
        loop {
            date = date.succ_opt().ok_or_else(|| date_error(year))?;
            if !is_weekend(date) && !days.contains_key(&date) {
                break;
            }
        }
        let vi = format!("Nghỉ bù {}", h.name_vi);
        let en = format!("Day off in lieu of {}", h.name_en);
        days.insert(date, holiday(date, &vi, &en, true));
    }
    Ok(())
}

/// Public holidays by year: the default rule, replaced for a year by the
/// server's list when one is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    overrides: BTreeMap<i32, YearOverride>,
}

impl HolidayCalendar {
    /// A calendar with the default rule for every year.
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

    /// Replaces the default of a year by the server's list, sorted; rejects
    /// dates outside the year, a date listed twice, and a date both off and
    /// working (error field `year_override`).
    pub fn set_override(&mut self, mut year_override: YearOverride) -> CoreResult<()> {
        let year = year_override.year;
        year_override.days_off.sort_by_key(|h| h.date);
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

    /// The days off of `year`, sorted: the override if set, else the default.
    pub fn holidays(&self, year: i32) -> CoreResult<Vec<Holiday>> {
        match self.overrides.get(&year) {
            Some(year_override) => Ok(year_override.days_off.clone()),
            None => default_holidays(year),
        }
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

    /// Whether `date` is a weekly rest day made a working day by an override.
    pub fn is_extra_working_day(&self, date: NaiveDate) -> bool {
        self.overrides
            .get(&date.year())
            .is_some_and(|o| o.extra_working_days.contains(&date))
    }

    /// The extra working days of `year` (empty without an override).
    pub fn extra_working_days(&self, year: i32) -> &[NaiveDate] {
        self.overrides
            .get(&year)
            .map_or(&[], |o| o.extra_working_days.as_slice())
    }
}

fn holiday(date: NaiveDate, vi: &str, en: &str, compensatory: bool) -> Holiday {
    Holiday {
        date,
        name_vi: vi.to_owned(),
        name_en: en.to_owned(),
        compensatory,
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
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

    fn compensatory(holidays: &[Holiday]) -> Vec<NaiveDate> {
        holidays
            .iter()
            .filter(|h| h.compensatory)
            .map(|h| h.date)
            .collect()
    }

    #[test]
    fn default_2025_gives_the_eleven_holidays_and_one_day_in_lieu() {
        let days = default_holidays(2025).unwrap();
        let expected = [
            ymd(2025, 1, 1),
            ymd(2025, 1, 28), // 29 tháng Chạp, the last day of lunar 2024
            ymd(2025, 1, 29), // mùng 1 Tết
            ymd(2025, 1, 30),
            ymd(2025, 1, 31),
            ymd(2025, 2, 1), // mùng 4, a Saturday
            ymd(2025, 2, 3), // in lieu of it
            ymd(2025, 4, 7), // Giỗ Tổ Hùng Vương
            ymd(2025, 4, 30),
            ymd(2025, 5, 1),
            ymd(2025, 9, 1),
            ymd(2025, 9, 2),
        ];
        assert_eq!(dates(&days), expected);
        assert_eq!(compensatory(&days), [ymd(2025, 2, 3)]);
        assert_eq!(days[7].name_vi, "Giỗ Tổ Hùng Vương");
        assert_eq!(days[6].name_en, "Day off in lieu of Lunar New Year (day 4)");
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
    fn hung_kings_day_next_to_30_april_2023_gives_a_five_day_break() {
        let days = default_holidays(2023).unwrap();
        let from_29_april: Vec<_> = dates(&days)
            .into_iter()
            .filter(|d| (ymd(2023, 4, 29)..=ymd(2023, 5, 3)).contains(d))
            .collect();
        assert_eq!(from_29_april.len(), 5);
        // 1 Jan (Sun); Tết eve and mùng 1 (Sat, Sun); 29/4 (Sat), 30/4 (Sun);
        // 2 Sep (Sat).
        assert_eq!(
            compensatory(&days),
            [
                ymd(2023, 1, 2),
                ymd(2023, 1, 26),
                ymd(2023, 1, 27),
                ymd(2023, 5, 2),
                ymd(2023, 5, 3),
                ymd(2023, 9, 4)
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
            let (lieu, public): (Vec<_>, Vec<_>) = days.iter().partition(|h| h.compensatory);
            // 11 holidays, or 10 days when Hùng Kings' day meets 30/4 or 1/5.
            assert!(matches!(public.len(), 10 | 11), "{year}");
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
        assert!(HolidayCalendar::new().is_day_off(NaiveDate::MAX).is_err());
    }

    fn override_2025() -> YearOverride {
        let off = |d: NaiveDate| holiday(d, "Nghỉ", "Off", false);
        YearOverride {
            year: 2025,
            days_off: vec![off(ymd(2025, 1, 31)), off(ymd(2025, 1, 1))],
            extra_working_days: vec![ymd(2025, 2, 8)],
        }
    }

    #[test]
    fn a_server_override_replaces_the_whole_default_year() {
        let calendar = HolidayCalendar::with_overrides([override_2025()]).unwrap();
        assert_eq!(
            dates(&calendar.holidays(2025).unwrap()),
            [ymd(2025, 1, 1), ymd(2025, 1, 31)]
        );
        assert!(calendar.is_day_off(ymd(2025, 1, 31)).unwrap());
        assert!(!calendar.is_day_off(ymd(2025, 4, 30)).unwrap());
        assert!(calendar.is_extra_working_day(ymd(2025, 2, 8)));
        assert!(!calendar.is_extra_working_day(ymd(2025, 2, 9)));
        // Other years keep the default.
        assert!(calendar.is_day_off(ymd(2026, 4, 30)).unwrap());
        assert_eq!(
            calendar
                .holiday_on(ymd(2026, 9, 2))
                .unwrap()
                .unwrap()
                .name_en,
            "National Day"
        );
    }

    #[test]
    fn removing_an_override_restores_the_default() {
        let mut calendar = HolidayCalendar::with_overrides([override_2025()]).unwrap();
        assert!(calendar.remove_override(2025).is_some());
        assert!(calendar.year_override(2025).is_none());
        assert!(calendar.is_day_off(ymd(2025, 4, 30)).unwrap());
        assert!(calendar.extra_working_days(2025).is_empty());
    }

    #[test]
    fn overrides_work_beyond_the_lunar_range() {
        let calendar = HolidayCalendar::with_overrides([YearOverride {
            year: 2300,
            days_off: vec![holiday(ymd(2300, 1, 1), "Tết", "New Year", false)],
            extra_working_days: vec![],
        }])
        .unwrap();
        assert!(calendar.is_day_off(ymd(2300, 1, 1)).unwrap());
    }

    #[test]
    fn inconsistent_overrides_are_rejected_naming_year_override() {
        let mut outside = override_2025();
        outside.extra_working_days.push(ymd(2024, 12, 28));
        let mut twice = override_2025();
        twice
            .days_off
            .push(holiday(ymd(2025, 1, 1), "Lặp", "Again", false));
        let mut both = override_2025();
        both.extra_working_days.push(ymd(2025, 1, 31));
        for bad in [outside, twice, both] {
            let err = HolidayCalendar::new().set_override(bad).unwrap_err();
            assert_eq!(err.field(), Some("year_override"));
        }
    }
}
