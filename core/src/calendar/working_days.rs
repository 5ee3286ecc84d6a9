//! Ngày làm việc: working-day arithmetic for dossier time limits. A day is
//! a working day unless it is a weekly rest day (Saturday and Sunday by
//! default) or a day off of the [`HolidayCalendar`]; a weekly rest day that
//! an override lists as a working day (làm bù) is worked. A dossier received
//! after 15:00 Hanoi time, or on a day that is not worked, counts from the
//! next working day.
//!
//! The default rule's compensatory days assume the Saturday–Sunday rest;
//! with another weekly rest, set the year's list as an override.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc, Weekday};

use super::holidays::HolidayCalendar;
use crate::error::{CoreError, CoreResult};
use crate::time::VN;

/// Dossiers received after this Hanoi time count from the next working day.
pub const RECEIPT_CUTOFF: NaiveTime = match NaiveTime::from_hms_opt(15, 0, 0) {
    Some(time) => time,
    None => panic!("15:00 is a valid time"),
};

/// More days off in a row than this means the calendar data is wrong.
const MAX_DAYS_WITHOUT_WORK: u32 = 1_000;

/// Working days: a holiday calendar and the weekly rest days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCalendar {
    holidays: HolidayCalendar,
    /// Rest days, indexed by days from Monday.
    weekly_rest: [bool; 7],
}

impl Default for WorkingCalendar {
    fn default() -> Self {
        Self::new(HolidayCalendar::default())
    }
}

impl WorkingCalendar {
    /// Working days Monday to Friday, with `holidays`.
    pub fn new(holidays: HolidayCalendar) -> Self {
        let mut weekly_rest = [false; 7];
        for day in [Weekday::Sat, Weekday::Sun] {
            weekly_rest[day.num_days_from_monday() as usize] = true;
        }
        Self {
            holidays,
            weekly_rest,
        }
    }

    /// Working days outside `rest` (e.g. only Sunday for desks open on
    /// Saturday); a week of seven rest days is rejected (`weekly_rest`).
    pub fn with_weekly_rest(holidays: HolidayCalendar, rest: &[Weekday]) -> CoreResult<Self> {
        let mut weekly_rest = [false; 7];
        for day in rest {
            weekly_rest[day.num_days_from_monday() as usize] = true;
        }
        if weekly_rest.iter().all(|&r| r) {
            return Err(CoreError::invalid(
                "weekly_rest",
                "Phải có ít nhất một ngày làm việc trong tuần.",
                "At least one day of the week must be a working day.",
            ));
        }
        Ok(Self {
            holidays,
            weekly_rest,
        })
    }

    /// The holiday calendar.
    pub fn holidays(&self) -> &HolidayCalendar {
        &self.holidays
    }

    /// The holiday calendar, to set the server's overrides.
    pub fn holidays_mut(&mut self) -> &mut HolidayCalendar {
        &mut self.holidays
    }

    /// Whether `day` is a weekly rest day.
    pub fn is_weekly_rest(&self, day: Weekday) -> bool {
        self.weekly_rest[day.num_days_from_monday() as usize]
    }

    /// Whether `date` is worked.
    pub fn is_working_day(&self, date: NaiveDate) -> CoreResult<bool> {
        Lookup::new(self).is_working(date)
    }

    /// `start` plus `n` working days: the `n`-th working day after `start`,
    /// `start` itself not counted (Friday + 1 is Monday, and so is Saturday
    /// + 1); for `n = 0`, `start` if worked, else the next working day.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> CoreResult<NaiveDate> {
        let mut lookup = Lookup::new(self);
        if n == 0 {
            return lookup.first_working_from(start);
        }
        let mut date = start;
        for _ in 0..n {
            date = lookup.first_working_from(next_day(date)?)?;
        }
        Ok(date)
    }

    /// The working days in `(from, to]`: `from` not counted, `to` counted;
    /// negative when `to` is before `from`. Inverse of
    /// [`Self::add_working_days`] for `n ≥ 1`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> CoreResult<i64> {
        if to < from {
            return Ok(-self.working_days_between(to, from)?);
        }
        let mut lookup = Lookup::new(self);
        let mut count = 0;
        for date in from.iter_days().skip(1).take_while(|d| *d <= to) {
            if lookup.is_working(date)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// The working day a dossier received at `instant` counts from: the
    /// Hanoi date if it is worked and the clock is at most 15:00:00, else
    /// the next working day.
    pub fn receipt_day(&self, instant: DateTime<Utc>) -> CoreResult<NaiveDate> {
        let local = hanoi_time(instant)?;
        let date = local.date();
        let mut lookup = Lookup::new(self);
        if local.time() > RECEIPT_CUTOFF {
            lookup.first_working_from(next_day(date)?)
        } else {
            lookup.first_working_from(date)
        }
    }

    /// The due date of a dossier received at `received` with a time limit
    /// of `working_days`: that many working days after the Hanoi day it was
    /// received. The 15:00 rule is already inside such a limit (a dossier of
    /// one working day received on Tuesday after 15:00 is due on Wednesday,
    /// as one received that morning); it moves only a same-day procedure
    /// (limit 0), due on its receipt day ([`Self::receipt_day`]).
    pub fn due_date(&self, received: DateTime<Utc>, working_days: u32) -> CoreResult<NaiveDate> {
        if working_days == 0 {
            return self.receipt_day(received);
        }
        self.add_working_days(hanoi_date(received)?, working_days)
    }

    /// The due date for a limit in `unit` (the portal's time units):
    /// working days as [`Self::due_date`]; calendar days and hours run on
    /// the clock, and a result due on a day that is not worked is handed
    /// out the next working day; `Other` (a limit the portal gives only in
    /// prose) has no date.
    pub fn due_date_in(
        &self,
        received: DateTime<Utc>,
        amount: u32,
        unit: TimeUnit,
    ) -> CoreResult<Option<NaiveDate>> {
        let on_the_clock = |end: Option<DateTime<Utc>>| -> CoreResult<Option<NaiveDate>> {
            let end = end.ok_or_else(out_of_range)?;
            Ok(Some(
                Lookup::new(self).first_working_from(hanoi_date(end)?)?,
            ))
        };
        match unit {
            TimeUnit::WorkingDay => self.due_date(received, amount).map(Some),
            TimeUnit::Day => {
                on_the_clock(received.checked_add_signed(chrono::Duration::days(i64::from(amount))))
            }
            TimeUnit::Hour => on_the_clock(
                received.checked_add_signed(chrono::Duration::hours(i64::from(amount))),
            ),
            TimeUnit::Month => {
                on_the_clock(received.checked_add_months(chrono::Months::new(amount)))
            }
            TimeUnit::Other => Ok(None),
        }
    }
}

/// The unit of a procedure's time limit, as the portal gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Working days (ngày làm việc): weekly rest days and holidays skipped.
    WorkingDay,
    /// Calendar days (ngày).
    Day,
    /// Hours (giờ).
    Hour,
    /// Calendar months (tháng).
    Month,
    /// Given only in prose (no date can be promised).
    Other,
}

/// The Hanoi calendar date of `instant`.
fn hanoi_date(instant: DateTime<Utc>) -> CoreResult<NaiveDate> {
    Ok(hanoi_time(instant)?.date())
}

/// The Hanoi wall-clock time of `instant`.
fn hanoi_time(instant: DateTime<Utc>) -> CoreResult<chrono::NaiveDateTime> {
    // Not `with_timezone`: its local view panics at the end of time.
    instant
        .naive_utc()
        .checked_add_offset(VN)
        .ok_or_else(out_of_range)
}

/// Answers "is this day worked?" for runs of days, computing each year's
/// days off once.
struct Lookup<'a> {
    calendar: &'a WorkingCalendar,
    year: Option<YearDays>,
}

/// The days off and extra working days of one year.
struct YearDays {
    year: i32,
    off: BTreeSet<NaiveDate>,
    extra_working: BTreeSet<NaiveDate>,
}

impl<'a> Lookup<'a> {
    fn new(calendar: &'a WorkingCalendar) -> Self {
        Self {
            calendar,
            year: None,
        }
    }

    fn is_working(&mut self, date: NaiveDate) -> CoreResult<bool> {
        let holidays = &self.calendar.holidays;
        let days = match self.year.take() {
            Some(days) if days.year == date.year() => days,
            _ => YearDays {
                year: date.year(),
                off: holidays
                    .holidays(date.year())?
                    .into_iter()
                    .map(|h| h.date)
                    .collect(),
                extra_working: holidays
                    .extra_working_days(date.year())
                    .iter()
                    .copied()
                    .collect(),
            },
        };
        let working = days.extra_working.contains(&date)
            || !(days.off.contains(&date) || self.calendar.is_weekly_rest(date.weekday()));
        self.year = Some(days);
        Ok(working)
    }

    /// `date` if worked, else the next working day.
    fn first_working_from(&mut self, date: NaiveDate) -> CoreResult<NaiveDate> {
        let mut day = date;
        for _ in 0..MAX_DAYS_WITHOUT_WORK {
            if self.is_working(day)? {
                return Ok(day);
            }
            day = next_day(day)?;
        }
        Err(CoreError::invalid(
            "holidays",
            format!("Không có ngày làm việc nào trong {MAX_DAYS_WITHOUT_WORK} ngày từ {date}."),
            format!("No working day within {MAX_DAYS_WITHOUT_WORK} days from {date}."),
        ))
    }
}

fn next_day(date: NaiveDate) -> CoreResult<NaiveDate> {
    date.succ_opt().ok_or_else(out_of_range)
}

fn out_of_range() -> CoreError {
    CoreError::invalid(
        "date",
        "Ngày nằm ngoài phạm vi lịch.",
        "The date is out of the calendar's range.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Holiday, YearOverride};
    use chrono::TimeZone;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// An instant given on Hanoi clocks.
    fn hanoi(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
        VN.with_ymd_and_hms(y, m, d, h, min, s)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn standard() -> WorkingCalendar {
        WorkingCalendar::default()
    }

    #[test]
    fn weekends_and_holidays_are_not_worked() {
        let cal = standard();
        assert!(cal.is_working_day(ymd(2025, 3, 3)).unwrap()); // Monday
        assert!(!cal.is_working_day(ymd(2025, 3, 1)).unwrap()); // Saturday
        assert!(!cal.is_working_day(ymd(2025, 3, 2)).unwrap()); // Sunday
        assert!(!cal.is_working_day(ymd(2025, 4, 30)).unwrap()); // Wednesday, holiday
        // 2/5/2025 off in exchange for Saturday 26/4 (as decided).
        assert!(!cal.is_working_day(ymd(2025, 5, 2)).unwrap());
        assert!(cal.is_working_day(ymd(2025, 4, 26)).unwrap());
        // Under the default rule: 1/1/2028 is a Saturday, Monday 3/1 in lieu.
        assert!(!cal.is_working_day(ymd(2028, 1, 3)).unwrap());
    }

    #[test]
    fn friday_and_saturday_plus_one_working_day_are_monday() {
        let cal = standard();
        assert_eq!(
            cal.add_working_days(ymd(2025, 3, 7), 1).unwrap(),
            ymd(2025, 3, 10)
        );
        assert_eq!(
            cal.add_working_days(ymd(2025, 3, 8), 1).unwrap(),
            ymd(2025, 3, 10)
        );
    }

    #[test]
    fn zero_working_days_is_the_same_day_or_the_next_working_one() {
        let cal = standard();
        assert_eq!(
            cal.add_working_days(ymd(2025, 3, 5), 0).unwrap(),
            ymd(2025, 3, 5)
        );
        assert_eq!(
            cal.add_working_days(ymd(2025, 3, 8), 0).unwrap(),
            ymd(2025, 3, 10)
        );
    }

    #[test]
    fn adding_working_days_skips_holidays_and_days_in_lieu() {
        let cal = standard();
        // Tue 29/4/2025 + 1 skips 30/4, 1/5 and 2/5 (off as decided, in
        // exchange for Saturday 26/4) and the weekend.
        assert_eq!(
            cal.add_working_days(ymd(2025, 4, 29), 1).unwrap(),
            ymd(2025, 5, 5)
        );
        // Fri 24/1 + 3: the decided Tết is 27/1–31/1: Mon 3/2, Tue 4/2, Wed 5/2.
        assert_eq!(
            cal.add_working_days(ymd(2025, 1, 24), 3).unwrap(),
            ymd(2025, 2, 5)
        );
        // Across the year end: Wed 31/12/2025 + 1 skips 1/1/2026.
        assert_eq!(
            cal.add_working_days(ymd(2025, 12, 31), 1).unwrap(),
            ymd(2026, 1, 2)
        );
    }

    #[test]
    fn working_days_between_undoes_adding_them() {
        let cal = standard();
        let start = ymd(2025, 1, 20);
        for n in 1..=40 {
            let end = cal.add_working_days(start, n).unwrap();
            assert_eq!(cal.working_days_between(start, end).unwrap(), i64::from(n));
            assert_eq!(cal.working_days_between(end, start).unwrap(), -i64::from(n));
        }
        assert_eq!(cal.working_days_between(start, start).unwrap(), 0);
    }

    #[test]
    fn receipt_before_15_00_hanoi_counts_the_same_day() {
        let cal = standard();
        assert_eq!(
            cal.receipt_day(hanoi(2025, 3, 3, 14, 59, 59)).unwrap(),
            ymd(2025, 3, 3)
        );
        assert_eq!(
            cal.receipt_day(hanoi(2025, 3, 3, 15, 0, 0)).unwrap(),
            ymd(2025, 3, 3)
        );
    }

    #[test]
    fn receipt_after_15_00_hanoi_counts_from_the_next_working_day() {
        let cal = standard();
        assert_eq!(
            cal.receipt_day(hanoi(2025, 3, 3, 15, 0, 1)).unwrap(),
            ymd(2025, 3, 4)
        );
        // Friday afternoon counts from Monday.
        assert_eq!(
            cal.receipt_day(hanoi(2025, 3, 7, 16, 0, 0)).unwrap(),
            ymd(2025, 3, 10)
        );
        // Before a holiday: Tue 29/4/2025 evening counts from Mon 5/5.
        assert_eq!(
            cal.receipt_day(hanoi(2025, 4, 29, 17, 0, 0)).unwrap(),
            ymd(2025, 5, 5)
        );
    }

    #[test]
    fn receipt_on_a_day_off_counts_from_the_next_working_day() {
        let cal = standard();
        assert_eq!(
            cal.receipt_day(hanoi(2025, 3, 8, 9, 0, 0)).unwrap(),
            ymd(2025, 3, 10)
        );
        assert_eq!(
            cal.receipt_day(hanoi(2025, 4, 30, 8, 0, 0)).unwrap(),
            ymd(2025, 5, 5)
        );
    }

    #[test]
    fn receipt_uses_the_hanoi_clock_not_utc() {
        let cal = standard();
        // Sunday 20:00 UTC is Monday 03:00 in Hanoi.
        let sunday_utc = Utc.with_ymd_and_hms(2025, 3, 2, 20, 0, 0).unwrap();
        assert_eq!(cal.receipt_day(sunday_utc).unwrap(), ymd(2025, 3, 3));
        // Monday 08:30 UTC is 15:30 in Hanoi: too late for Monday.
        let monday_utc = Utc.with_ymd_and_hms(2025, 3, 3, 8, 30, 0).unwrap();
        assert_eq!(cal.receipt_day(monday_utc).unwrap(), ymd(2025, 3, 4));
    }

    #[test]
    fn the_15_00_rule_is_inside_a_limit_of_working_days() {
        let cal = standard();
        // One working day, received Tuesday 3/3/2026 after 15:00: due
        // Wednesday, as when received that morning (not Thursday).
        assert_eq!(
            cal.due_date(hanoi(2026, 3, 3, 15, 30, 0), 1).unwrap(),
            ymd(2026, 3, 4)
        );
        assert_eq!(
            cal.due_date(hanoi(2026, 3, 3, 9, 0, 0), 1).unwrap(),
            ymd(2026, 3, 4)
        );
        // A same-day procedure received after 15:00 is due the next day.
        assert_eq!(
            cal.due_date(hanoi(2026, 3, 3, 15, 30, 0), 0).unwrap(),
            ymd(2026, 3, 4)
        );
        // Received on Saturday: one working day is Monday.
        assert_eq!(
            cal.due_date(hanoi(2026, 3, 7, 9, 0, 0), 1).unwrap(),
            ymd(2026, 3, 9)
        );
    }

    #[test]
    fn every_time_unit_of_the_portal_has_its_due_date() {
        let cal = standard();
        let tuesday = hanoi(2026, 3, 3, 10, 0, 0);
        let due = |n, unit| cal.due_date_in(tuesday, n, unit).unwrap();
        assert_eq!(due(5, TimeUnit::WorkingDay), Some(ymd(2026, 3, 10)));
        // 20 calendar days: Monday 23/3.
        assert_eq!(due(20, TimeUnit::Day), Some(ymd(2026, 3, 23)));
        // 4 calendar days end on Saturday 7/3: handed out Monday 9/3.
        assert_eq!(due(4, TimeUnit::Day), Some(ymd(2026, 3, 9)));
        // 8 hours from 10:00 is 18:00 the same day; 24 hours, Wednesday.
        assert_eq!(due(8, TimeUnit::Hour), Some(ymd(2026, 3, 3)));
        assert_eq!(due(24, TimeUnit::Hour), Some(ymd(2026, 3, 4)));
        assert_eq!(due(3, TimeUnit::Other), None);
        // One month from Tuesday 3 March 2026 is Friday 3 April.
        assert_eq!(due(1, TimeUnit::Month), Some(ymd(2026, 4, 3)));
        assert!(
            cal.due_date_in(DateTime::<Utc>::MAX_UTC, 1, TimeUnit::Day)
                .is_err()
        );
    }

    #[test]
    fn due_date_counts_working_days_after_the_receipt_day() {
        let cal = standard();
        // Friday 25/4/2025 16:00, 3 working days: Saturday 26/4 is worked
        // (as decided), then Mon 28/4, Tue 29/4.
        assert_eq!(
            cal.due_date(hanoi(2025, 4, 25, 16, 0, 0), 3).unwrap(),
            ymd(2025, 4, 29)
        );
        assert_eq!(
            cal.due_date(hanoi(2025, 3, 3, 9, 0, 0), 0).unwrap(),
            ymd(2025, 3, 3)
        );
        assert_eq!(
            cal.due_date(hanoi(2025, 3, 3, 9, 0, 0), 5).unwrap(),
            ymd(2025, 3, 10)
        );
    }

    #[test]
    fn an_override_swaps_a_saturday_into_a_working_day() {
        let off = |d: NaiveDate| Holiday {
            date: d,
            name_vi: "Tết Nguyên đán".into(),
            name_en: "Lunar New Year".into(),
            compensatory: false,
        };
        // A server override for 2025 (not the real decision): Tết 25/1–2/2,
        // with Saturday 8/2 worked in exchange.
        let mut cal = standard();
        cal.holidays_mut()
            .set_override(
                YearOverride {
                    year: 2025,
                    days_off: (25..=31)
                        .map(|d| off(ymd(2025, 1, d)))
                        .chain((1..=2).map(|d| off(ymd(2025, 2, d))))
                        .collect(),
                    extra_working_days: vec![ymd(2025, 2, 8)],
                }
                .with_fixed_holidays()
                .unwrap(),
            )
            .unwrap();
        assert!(cal.is_working_day(ymd(2025, 2, 8)).unwrap());
        assert!(!cal.is_working_day(ymd(2025, 2, 9)).unwrap());
        assert!(cal.is_working_day(ymd(2025, 2, 3)).unwrap());
        // Left out of the list, a fixed holiday is put back.
        assert!(!cal.is_working_day(ymd(2025, 4, 30)).unwrap());
        // The decision's swap is gone with the rest of the decided year.
        assert!(!cal.is_working_day(ymd(2025, 4, 26)).unwrap());
        assert_eq!(
            cal.add_working_days(ymd(2025, 2, 7), 1).unwrap(),
            ymd(2025, 2, 8)
        );
        assert_eq!(
            cal.add_working_days(ymd(2025, 1, 24), 1).unwrap(),
            ymd(2025, 2, 3)
        );
    }

    #[test]
    fn a_sunday_only_rest_makes_saturday_a_working_day() {
        let cal =
            WorkingCalendar::with_weekly_rest(HolidayCalendar::new(), &[Weekday::Sun]).unwrap();
        assert!(cal.is_working_day(ymd(2025, 3, 8)).unwrap());
        assert!(!cal.is_working_day(ymd(2025, 3, 9)).unwrap());
        assert!(cal.is_weekly_rest(Weekday::Sun));
        assert!(!cal.is_weekly_rest(Weekday::Sat));
    }

    #[test]
    fn a_week_without_working_days_is_rejected() {
        let all = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ];
        let err = WorkingCalendar::with_weekly_rest(HolidayCalendar::new(), &all).unwrap_err();
        assert_eq!(err.field(), Some("weekly_rest"));
    }

    #[test]
    fn dates_beyond_the_calendar_are_errors_not_panics() {
        let cal = standard();
        assert!(cal.is_working_day(ymd(2200, 1, 1)).is_err());
        assert!(cal.add_working_days(ymd(2199, 12, 30), 5).is_err());
        assert!(cal.add_working_days(NaiveDate::MAX, 1).is_err());
        assert!(cal.add_working_days(ymd(2025, 1, 1), u32::MAX).is_err());
        assert!(
            cal.working_days_between(ymd(2025, 1, 1), NaiveDate::MAX)
                .is_err()
        );
        assert!(cal.receipt_day(DateTime::<Utc>::MAX_UTC).is_err());
        assert!(cal.due_date(DateTime::<Utc>::MIN_UTC, 1).is_err());
    }
}
