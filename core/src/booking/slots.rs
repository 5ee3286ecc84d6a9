//! Which appointment slots an office has on a day: its opening hours split
//! into slots, none on public holidays, none in the past or too soon, none
//! beyond the booking horizon. Times are Vietnam time, stored in UTC.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

use super::rules::BookingRules;
use crate::api::model::Office;
use crate::calendar::WorkingCalendar;
use crate::error::{CoreError, CoreResult};
use crate::time::VN;

/// The start and end of one slot.
pub type SlotTimes = (DateTime<Utc>, DateTime<Utc>);

/// Every slot of `office` on `day` from its opening hours (ignoring how
/// soon or far away the day is). Closed on public holidays; a weekend day
/// made a working day by the government opens with Monday's hours.
pub fn day_slots(
    office: &Office,
    day: NaiveDate,
    calendar: &WorkingCalendar,
    rules: &BookingRules,
) -> CoreResult<Vec<SlotTimes>> {
    if rules.slot_minutes == 0 {
        return Err(CoreError::invalid(
            "slot_minutes",
            "Độ dài khung giờ phải lớn hơn 0.",
            "The slot length must be above 0.",
        ));
    }
    if calendar.holidays().is_day_off(day)? {
        return Ok(Vec::new());
    }
    let weekday = if calendar.holidays().is_extra_working_day(day) {
        1
    } else {
        day.weekday().number_from_monday() as i32
    };
    let step = Duration::minutes(i64::from(rules.slot_minutes));
    let mut out = Vec::new();
    for period in office.hours.iter().filter(|h| h.weekday == weekday) {
        let (Some(opens), Some(closes)) = (parse_hhmm(&period.opens), parse_hhmm(&period.closes))
        else {
            continue;
        };
        let mut start = day.and_time(opens);
        let end_of_period = day.and_time(closes);
        while start + step <= end_of_period {
            out.push((local_to_utc(start)?, local_to_utc(start + step)?));
            start += step;
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The slots of `day` that can still be booked at `now`: after the minimum
/// notice and within the horizon.
pub fn bookable_slots(
    office: &Office,
    day: NaiveDate,
    calendar: &WorkingCalendar,
    rules: &BookingRules,
    now: DateTime<Utc>,
) -> CoreResult<Vec<SlotTimes>> {
    check_day_in_window(day, rules, now)?;
    let earliest = now + Duration::minutes(i64::from(rules.min_notice_minutes));
    Ok(day_slots(office, day, calendar, rules)?
        .into_iter()
        .filter(|(start, _)| *start >= earliest)
        .collect())
}

/// The slot of `office` starting exactly at `start`, if it can be booked at `now`.
pub fn find_bookable(
    office: &Office,
    start: DateTime<Utc>,
    calendar: &WorkingCalendar,
    rules: &BookingRules,
    now: DateTime<Utc>,
) -> CoreResult<SlotTimes> {
    if start <= now {
        return Err(CoreError::conflict(
            crate::Reason::InThePast,
            format!(
                "Thời điểm {} đã qua. Hãy chọn một khung giờ sắp tới (dvc slots … --date tomorrow).",
                crate::time::format_vn(start)
            ),
            format!(
                "The time {} is in the past. Choose a coming slot (dvc slots … --date tomorrow).",
                crate::time::format_vn(start)
            ),
        ));
    }
    let day = start.with_timezone(&VN).date_naive();
    bookable_slots(office, day, calendar, rules, now)?
        .into_iter()
        .find(|(s, _)| *s == start)
        .ok_or_else(|| {
            CoreError::conflict(
                crate::Reason::NotBookable,
                format!(
                    "Không có khung giờ bắt đầu lúc {} tại {} có thể đặt.",
                    crate::time::format_vn(start),
                    office.name
                ),
                format!(
                    "There is no bookable slot at {} at {}.",
                    crate::time::format_vn(start),
                    office.name
                ),
            )
        })
}

/// Today in Vietnam.
pub fn vn_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&VN).date_naive()
}

fn check_day_in_window(day: NaiveDate, rules: &BookingRules, now: DateTime<Utc>) -> CoreResult<()> {
    let today = vn_today(now);
    let last = today + Duration::days(i64::from(rules.horizon_days.max(1)) - 1);
    if day < today || day > last {
        return Err(CoreError::conflict(
            crate::Reason::OutsideBookingWindow,
            format!(
                "Chỉ đặt lịch được từ {} đến {}.",
                today.format("%d/%m/%Y"),
                last.format("%d/%m/%Y")
            ),
            format!(
                "Appointments can be booked from {} to {}.",
                today.format("%d/%m/%Y"),
                last.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(())
}

fn parse_hhmm(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

fn local_to_utc(local: chrono::NaiveDateTime) -> CoreResult<DateTime<Utc>> {
    VN.from_local_datetime(&local)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| CoreError::internal("no such Vietnam time"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::{OpeningHours, Operator};
    use crate::calendar::HolidayCalendar;

    fn office() -> Office {
        let hours = |weekday, opens: &str, closes: &str| OpeningHours {
            weekday,
            opens: opens.into(),
            closes: closes.into(),
        };
        Office {
            id: "o".into(),
            name: "Office".into(),
            operator: Operator::VietnamPost,
            address: String::new(),
            ward: String::new(),
            unit_code: "000.00.01.H26".into(),
            province: String::new(),
            latitude: 21.0,
            longitude: 105.8,
            hours: vec![
                hours(1, "07:30", "11:30"),
                hours(1, "13:30", "17:00"),
                hours(6, "07:30", "11:30"),
            ],
            services: vec![],
            counters: 2,
            capacity_per_slot: 2,
            sample: true,
            note: String::new(),
        }
    }

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::new(HolidayCalendar::new())
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn opening_hours_become_slots_around_the_lunch_break_in_vietnam_time() {
        // Monday 2 March 2026.
        let slots = day_slots(
            &office(),
            date(2026, 3, 2),
            &calendar(),
            &BookingRules::default(),
        )
        .unwrap();
        assert_eq!(
            slots.len(),
            8 + 7,
            "4 morning hours and 3.5 afternoon hours of 30 minutes"
        );
        assert_eq!(
            slots[0].0.to_rfc3339(),
            "2026-03-02T00:30:00+00:00",
            "07:30 in Hanoi is 00:30 UTC"
        );
        assert!(slots.iter().all(|(s, e)| *e - *s == Duration::minutes(30)));
        assert!(!slots.iter().any(
            |(s, _)| s.with_timezone(&VN).time() == NaiveTime::from_hms_opt(11, 30, 0).unwrap()
        ));
        // Saturday morning only; Sunday closed (no hours).
        assert_eq!(
            day_slots(
                &office(),
                date(2026, 3, 7),
                &calendar(),
                &BookingRules::default()
            )
            .unwrap()
            .len(),
            8
        );
        assert!(
            day_slots(
                &office(),
                date(2026, 3, 8),
                &calendar(),
                &BookingRules::default()
            )
            .unwrap()
            .is_empty()
        );
    }

    #[test]
    fn public_holidays_have_no_slots() {
        // Tết 2026: Tuesday 17 February; Hùng Kings day in lieu Monday 27 April.
        for d in [date(2026, 2, 17), date(2026, 4, 27)] {
            assert!(
                day_slots(&office(), d, &calendar(), &BookingRules::default())
                    .unwrap()
                    .is_empty(),
                "{d}"
            );
        }
    }

    #[test]
    fn past_too_soon_and_too_far_are_not_bookable() {
        let rules = BookingRules::default();
        // Monday 2 March 2026, 09:10 in Hanoi.
        let now = VN
            .with_ymd_and_hms(2026, 3, 2, 9, 10, 0)
            .unwrap()
            .with_timezone(&Utc);
        let today = bookable_slots(&office(), date(2026, 3, 2), &calendar(), &rules, now).unwrap();
        let first = today[0].0.with_timezone(&VN).time();
        assert_eq!(
            first,
            NaiveTime::from_hms_opt(10, 30, 0).unwrap(),
            "one hour's notice, on the slot grid"
        );
        assert!(bookable_slots(&office(), date(2026, 3, 1), &calendar(), &rules, now).is_err());
        assert!(
            bookable_slots(&office(), date(2026, 3, 16), &calendar(), &rules, now).is_err(),
            "beyond 14 days"
        );
        assert!(bookable_slots(&office(), date(2026, 3, 14), &calendar(), &rules, now).is_ok());
        let start = VN
            .with_ymd_and_hms(2026, 3, 9, 8, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert!(find_bookable(&office(), start, &calendar(), &rules, now).is_ok());
        let off_grid = VN
            .with_ymd_and_hms(2026, 3, 9, 8, 10, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            find_bookable(&office(), off_grid, &calendar(), &rules, now)
                .unwrap_err()
                .reason(),
            Some("not_bookable")
        );
    }
}
