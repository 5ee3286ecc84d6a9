//! Nhắc lịch hẹn: when to remind a citizen of an appointment, as data the
//! native apps turn into local notifications. A rule is either "N minutes
//! before the slot" or "on the day N days before, at HH:MM Vietnam time";
//! applied to a booking, the rules give reminders with bilingual texts, a
//! deep link and a notification id that stays the same for the same booking
//! and rule, so scheduling again replaces a notification instead of adding
//! a second one. Nothing here panics, whatever the rules or the dates.

use chrono::{DateTime, Days, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::api::model::{Booking, BookingStatus};
use crate::error::{CoreError, CoreResult};
use crate::time::{VN, format_vn};

/// Minutes in a day: the unit of `offset_minutes` for rules with a clock time.
const MINUTES_PER_DAY: u32 = 24 * 60;

/// The field named by errors about reminder rules.
const FIELD: &str = "reminder_rules";

/// When to remind of an appointment, relative to its slot.
///
/// - `at_local_time` is `None`: `offset_minutes` before the slot starts.
/// - `at_local_time` is `Some("HH:MM")`: at that Vietnam clock time on the
///   day `offset_minutes / 1440` days before the day of the slot (Vietnam
///   calendar days); `offset_minutes` must then be a whole number of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReminderRule {
    /// Minutes before the slot, or whole days (× 1440) with `at_local_time`.
    pub offset_minutes: i32,
    /// A Vietnam clock time `HH:MM` (24-hour, e.g. `18:00`), or `None`.
    pub at_local_time: Option<String>,
}

impl ReminderRule {
    /// `minutes` before the slot starts.
    pub fn minutes_before(minutes: i32) -> Self {
        Self {
            offset_minutes: minutes,
            at_local_time: None,
        }
    }

    /// At `time` (`HH:MM`, Vietnam) on the day `days` days before the slot.
    /// `days` beyond what the rule can hold gives a rule that is rejected.
    pub fn days_before_at(days: i32, time: &str) -> Self {
        Self {
            offset_minutes: days.saturating_mul(MINUTES_PER_DAY as i32),
            at_local_time: Some(time.to_owned()),
        }
    }
}

/// The reminders every booking gets unless the person chooses others: the
/// day before at 18:00, and two hours before.
pub fn default_rules() -> Vec<ReminderRule> {
    vec![
        ReminderRule::days_before_at(1, "18:00"),
        ReminderRule::minutes_before(120),
    ]
}

/// One local notification to schedule for a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reminder {
    /// The booking it is about.
    pub booking_id: String,
    /// When to show it.
    pub at: DateTime<Utc>,
    /// Title in Vietnamese.
    pub title_vi: String,
    /// Title in English.
    pub title_en: String,
    /// Text in Vietnamese: office, address, time, papers to bring.
    pub body_vi: String,
    /// Text in English: office, address, time, papers to bring.
    pub body_en: String,
    /// Opens the booking in the app: `dvc://booking/<id>`.
    pub deep_link: String,
    /// Stable for the same booking and rule (see [`notification_ids`]):
    /// scheduling with this id replaces an earlier notification.
    pub notification_id: String,
}

/// Checks rules a person chose before they are saved: every `at_local_time`
/// must be `HH:MM` (00:00 to 23:59) and go with a whole number of days.
/// An error names the field `reminder_rules` and the rule at fault.
pub fn validate_rules(rules: &[ReminderRule]) -> CoreResult<()> {
    for (index, rule) in rules.iter().enumerate() {
        When::of(rule).map_err(|problem| problem.error(index + 1))?;
    }
    Ok(())
}

/// The reminders `rules` give for `booking`, sorted by time: one per rule,
/// except that
/// - a cancelled booking gets none;
/// - a reminder at or before `now`, or after the slot starts, is left out;
/// - a rule [`validate_rules`] rejects, or whose time cannot be computed
///   (beyond the calendar), is left out;
/// - rules giving the same instant give one reminder (of the first of them).
pub fn reminders(booking: &Booking, rules: &[ReminderRule], now: DateTime<Utc>) -> Vec<Reminder> {
    if booking.status == BookingStatus::Cancelled {
        return Vec::new();
    }
    let mut planned: Vec<(DateTime<Utc>, When)> = rules
        .iter()
        .filter_map(|rule| When::of(rule).ok())
        .filter_map(|when| Some((when.instant(booking.slot_start)?, when)))
        .filter(|(at, _)| *at > now && *at <= booking.slot_start)
        .collect();
    // Stable: of rules giving the same instant, the first one stays.
    planned.sort_by_key(|(at, _)| *at);
    planned.dedup_by_key(|(at, _)| *at);
    planned
        .into_iter()
        .map(|(at, when)| reminder(booking, at, when))
        .collect()
}

/// The notification ids `rules` give for a booking, whether or not a
/// reminder is due (invalid rules give none): what to cancel when the
/// booking is cancelled or moved, or the rules change.
pub fn notification_ids(booking_id: &str, rules: &[ReminderRule]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for when in rules.iter().filter_map(|rule| When::of(rule).ok()) {
        let id = when.notification_id(booking_id);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The office's name and address as one line, leaving out empty parts.
pub(super) fn office_place(booking: &Booking) -> String {
    [booking.office_name.trim(), booking.office_address.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The app link that opens a booking: `dvc://booking/<id>`, the id
/// percent-encoded outside the URI unreserved characters.
fn deep_link(booking_id: &str) -> String {
    let mut link = String::from("dvc://booking/");
    for byte in booking_id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            link.push(char::from(byte));
        } else {
            link.push_str(&format!("%{byte:02X}"));
        }
    }
    link
}

fn reminder(booking: &Booking, at: DateTime<Utc>, when: When) -> Reminder {
    let (title_vi, title_en) = when.titles();
    let place = office_place(booking);
    let time = format_vn(booking.slot_start);
    Reminder {
        booking_id: booking.id.clone(),
        at,
        title_vi,
        title_en,
        body_vi: format!(
            "Lịch hẹn tại {place} lúc {time} (giờ Việt Nam). Vui lòng mang theo \
             giấy tờ tùy thân và đầy đủ giấy tờ của hồ sơ."
        ),
        body_en: format!(
            "Appointment at {place} at {time} (Vietnam time). Please bring your \
             ID and all the papers for your application."
        ),
        deep_link: deep_link(&booking.id),
        notification_id: when.notification_id(&booking.id),
    }
}

/// A rule that passed the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// This many minutes before the slot starts.
    MinutesBefore(u32),
    /// At this Vietnam clock time, this many days before the slot's day.
    DaysBeforeAt(u32, NaiveTime),
}

/// Why a rule was rejected.
enum Problem {
    /// `at_local_time` is not `HH:MM`.
    BadTime(String),
    /// A rule with a clock time whose offset is not a whole number of days.
    PartDay(u32),
    /// An offset below zero (a reminder after the appointment).
    Negative(i32),
}

impl Problem {
    /// The error for the rule at 1-based `position`.
    fn error(self, position: usize) -> CoreError {
        match self {
            Problem::BadTime(text) => CoreError::invalid(
                FIELD,
                format!(
                    "Quy tắc nhắc lịch thứ {position}: giờ “{text}” không đúng dạng HH:MM \
                     (từ 00:00 đến 23:59, ví dụ 18:00)."
                ),
                format!(
                    "Reminder rule {position}: time “{text}” is not HH:MM \
                     (00:00 to 23:59, e.g. 18:00)."
                ),
            ),
            Problem::Negative(minutes) => CoreError::invalid(
                FIELD,
                format!(
                    "Quy tắc nhắc lịch thứ {position}: khoảng cách {minutes} phút là số âm; \
                     lời nhắc phải đến trước giờ hẹn."
                ),
                format!(
                    "Reminder rule {position}: an offset of {minutes} minutes is negative; \
                     a reminder must come before the appointment."
                ),
            ),
            Problem::PartDay(minutes) => CoreError::invalid(
                FIELD,
                format!(
                    "Quy tắc nhắc lịch thứ {position}: nhắc vào một giờ cố định thì khoảng \
                     cách phải là số ngày tròn (bội của 1440 phút), không phải {minutes} phút."
                ),
                format!(
                    "Reminder rule {position}: a reminder at a clock time needs a whole \
                     number of days (a multiple of 1440 minutes), not {minutes} minutes."
                ),
            ),
        }
    }
}

impl When {
    fn of(rule: &ReminderRule) -> Result<Self, Problem> {
        let offset = u32::try_from(rule.offset_minutes)
            .map_err(|_| Problem::Negative(rule.offset_minutes))?;
        let Some(text) = &rule.at_local_time else {
            return Ok(When::MinutesBefore(offset));
        };
        let time = parse_hh_mm(text).ok_or_else(|| Problem::BadTime(text.clone()))?;
        if !offset.is_multiple_of(MINUTES_PER_DAY) {
            return Err(Problem::PartDay(offset));
        }
        Ok(When::DaysBeforeAt(offset / MINUTES_PER_DAY, time))
    }

    /// When to remind of a slot starting at `slot_start`; `None` beyond
    /// the calendar.
    fn instant(self, slot_start: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            When::MinutesBefore(minutes) => {
                slot_start.checked_sub_signed(TimeDelta::try_minutes(i64::from(minutes))?)
            }
            When::DaysBeforeAt(days, time) => {
                // Not `with_timezone`: its local view panics at the end of time.
                let slot_day = slot_start.naive_utc().checked_add_offset(VN)?.date();
                let day = slot_day.checked_sub_days(Days::new(u64::from(days)))?;
                Some(day.and_time(time).checked_sub_offset(VN)?.and_utc())
            }
        }
    }

    /// Stable per booking and rule: `booking-<id>-<minutes>m` or
    /// `booking-<id>-<days>d-<HHMM>`.
    fn notification_id(self, booking_id: &str) -> String {
        match self {
            When::MinutesBefore(minutes) => format!("booking-{booking_id}-{minutes}m"),
            When::DaysBeforeAt(days, time) => {
                format!("booking-{booking_id}-{days}d-{}", time.format("%H%M"))
            }
        }
    }

    /// The notification titles, Vietnamese and English, saying how soon.
    fn titles(self) -> (String, String) {
        match self {
            When::MinutesBefore(0) => (
                "Đã đến giờ hẹn dịch vụ công".to_owned(),
                "Your public-service appointment is now".to_owned(),
            ),
            When::MinutesBefore(minutes) => {
                let (vi, en) = duration_texts(minutes);
                (
                    format!("Còn {vi} nữa đến lịch hẹn dịch vụ công"),
                    format!("Your public-service appointment is in {en}"),
                )
            }
            When::DaysBeforeAt(0, _) => (
                "Hôm nay bạn có lịch hẹn dịch vụ công".to_owned(),
                "You have a public-service appointment today".to_owned(),
            ),
            When::DaysBeforeAt(1, _) => (
                "Ngày mai bạn có lịch hẹn dịch vụ công".to_owned(),
                "You have a public-service appointment tomorrow".to_owned(),
            ),
            When::DaysBeforeAt(days, _) => (
                format!("Còn {days} ngày nữa đến lịch hẹn dịch vụ công"),
                format!("Your public-service appointment is in {days} days"),
            ),
        }
    }
}

/// `minutes` (more than 0) in words: days, hours and minutes, leaving out
/// zero parts; e.g. ("1 giờ 30 phút", "1 hour 30 minutes").
fn duration_texts(minutes: u32) -> (String, String) {
    let parts = [
        (minutes / MINUTES_PER_DAY, "ngày", "day"),
        (minutes % MINUTES_PER_DAY / 60, "giờ", "hour"),
        (minutes % 60, "phút", "minute"),
    ];
    let mut vi = Vec::new();
    let mut en = Vec::new();
    for (count, unit_vi, unit_en) in parts {
        if count > 0 {
            vi.push(format!("{count} {unit_vi}"));
            let plural = if count == 1 { "" } else { "s" };
            en.push(format!("{count} {unit_en}{plural}"));
        }
    }
    (vi.join(" "), en.join(" "))
}

/// Parses exactly `HH:MM`, 00:00 to 23:59, ASCII digits only.
fn parse_hh_mm(text: &str) -> Option<NaiveTime> {
    let &[h1, h2, b':', m1, m2] = text.as_bytes() else {
        return None;
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| u32::from(b - b'0'));
    let hour = digit(h1)? * 10 + digit(h2)?;
    let minute = digit(m1)? * 10 + digit(m2)?;
    NaiveTime::from_hms_opt(hour, minute, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// An instant given on Hanoi clocks.
    fn hanoi(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        VN.with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn booking(slot_start: DateTime<Utc>) -> Booking {
        Booking {
            id: "bk-42".to_owned(),
            office_id: "vnp-hoan-kiem".to_owned(),
            office_name: "Bưu điện Hoàn Kiếm".to_owned(),
            office_address: "75 Đinh Tiên Hoàng, phường Hoàn Kiếm, Hà Nội".to_owned(),
            procedure_code: "1.001612".to_owned(),
            slot_start,
            slot_end: slot_start + TimeDelta::minutes(30),
            priority: None,
            status: BookingStatus::Active,
            created_at: slot_start - TimeDelta::days(7),
            citizen_phone: None,
        }
    }

    fn times(reminders: &[Reminder]) -> Vec<DateTime<Utc>> {
        reminders.iter().map(|r| r.at).collect()
    }

    #[test]
    fn default_rules_are_the_evening_before_and_two_hours_before() {
        let rules = default_rules();
        assert_eq!(
            rules,
            vec![
                ReminderRule {
                    offset_minutes: 1440,
                    at_local_time: Some("18:00".to_owned()),
                },
                ReminderRule {
                    offset_minutes: 120,
                    at_local_time: None,
                },
            ]
        );
        assert_eq!(validate_rules(&rules), Ok(()));
    }

    #[test]
    fn default_reminders_fall_at_18_00_the_day_before_and_two_hours_before() {
        let slot = hanoi(2026, 2, 17, 9, 0);
        let now = hanoi(2026, 2, 10, 12, 0);
        let got = reminders(&booking(slot), &default_rules(), now);
        assert_eq!(
            times(&got),
            vec![hanoi(2026, 2, 16, 18, 0), hanoi(2026, 2, 17, 7, 0)]
        );
        assert_eq!(
            got[0].at,
            Utc.with_ymd_and_hms(2026, 2, 16, 11, 0, 0).unwrap()
        );
    }

    #[test]
    fn the_day_before_is_counted_on_vietnam_calendar_days_not_utc_days() {
        // 05:30 in Hanoi on the 17th is 22:30 UTC on the 16th.
        let slot = hanoi(2026, 2, 17, 5, 30);
        assert_eq!(slot, Utc.with_ymd_and_hms(2026, 2, 16, 22, 30, 0).unwrap());
        let rules = [ReminderRule::days_before_at(1, "18:00")];
        let got = reminders(&booking(slot), &rules, hanoi(2026, 1, 1, 0, 0));
        assert_eq!(times(&got), vec![hanoi(2026, 2, 16, 18, 0)]);
    }

    #[test]
    fn several_days_before_crosses_months_and_years() {
        let slot = hanoi(2027, 1, 2, 8, 0);
        let rules = [ReminderRule::days_before_at(3, "07:15")];
        let got = reminders(&booking(slot), &rules, hanoi(2026, 1, 1, 0, 0));
        assert_eq!(times(&got), vec![hanoi(2026, 12, 30, 7, 15)]);
        assert_eq!(got[0].title_vi, "Còn 3 ngày nữa đến lịch hẹn dịch vụ công");
        assert_eq!(
            got[0].title_en,
            "Your public-service appointment is in 3 days"
        );
    }

    #[test]
    fn reminders_come_sorted_by_time_whatever_the_rule_order() {
        let slot = hanoi(2026, 3, 5, 14, 0);
        let rules = [
            ReminderRule::minutes_before(30),
            ReminderRule::days_before_at(2, "09:00"),
            ReminderRule::minutes_before(240),
            ReminderRule::days_before_at(1, "18:00"),
        ];
        let got = reminders(&booking(slot), &rules, hanoi(2026, 1, 1, 0, 0));
        assert_eq!(
            times(&got),
            vec![
                hanoi(2026, 3, 3, 9, 0),
                hanoi(2026, 3, 4, 18, 0),
                hanoi(2026, 3, 5, 10, 0),
                hanoi(2026, 3, 5, 13, 30),
            ]
        );
    }

    #[test]
    fn reminders_at_or_before_now_are_skipped() {
        let slot = hanoi(2026, 2, 17, 9, 0);
        let b = booking(slot);
        // Exactly at the evening reminder: it is past, the other still due.
        let got = reminders(&b, &default_rules(), hanoi(2026, 2, 16, 18, 0));
        assert_eq!(times(&got), vec![hanoi(2026, 2, 17, 7, 0)]);
        // One second before it: both due.
        let just_before = hanoi(2026, 2, 16, 18, 0) - TimeDelta::seconds(1);
        assert_eq!(reminders(&b, &default_rules(), just_before).len(), 2);
        // After the appointment: nothing.
        assert!(reminders(&b, &default_rules(), hanoi(2026, 2, 17, 10, 0)).is_empty());
    }

    #[test]
    fn a_cancelled_booking_gets_no_reminders() {
        let mut b = booking(hanoi(2026, 2, 17, 9, 0));
        b.status = BookingStatus::Cancelled;
        assert!(reminders(&b, &default_rules(), hanoi(2026, 1, 1, 0, 0)).is_empty());
    }

    #[test]
    fn a_reminder_that_would_fall_after_the_slot_starts_is_skipped() {
        // "On the day at 18:00" for a morning slot would come too late.
        let slot = hanoi(2026, 2, 17, 9, 0);
        let rules = [
            ReminderRule::days_before_at(0, "18:00"),
            ReminderRule::days_before_at(0, "07:00"),
            ReminderRule::minutes_before(0),
        ];
        let got = reminders(&booking(slot), &rules, hanoi(2026, 1, 1, 0, 0));
        assert_eq!(times(&got), vec![hanoi(2026, 2, 17, 7, 0), slot]);
        assert_eq!(got[0].title_vi, "Hôm nay bạn có lịch hẹn dịch vụ công");
        assert_eq!(got[1].title_en, "Your public-service appointment is now");
    }

    #[test]
    fn rules_giving_the_same_instant_give_one_reminder_of_the_first_rule() {
        let slot = hanoi(2026, 2, 17, 7, 0);
        let rules = [
            ReminderRule::days_before_at(1, "07:00"),
            ReminderRule::minutes_before(1440),
            ReminderRule::days_before_at(1, "07:00"),
        ];
        let got = reminders(&booking(slot), &rules, hanoi(2026, 1, 1, 0, 0));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].at, hanoi(2026, 2, 16, 7, 0));
        assert_eq!(got[0].notification_id, "booking-bk-42-1d-0700");
    }

    #[test]
    fn notification_ids_are_stable_per_booking_and_rule() {
        let slot = hanoi(2026, 2, 17, 9, 0);
        let now = hanoi(2026, 1, 1, 0, 0);
        let b = booking(slot);
        let first = reminders(&b, &default_rules(), now);
        let ids: Vec<&str> = first.iter().map(|r| r.notification_id.as_str()).collect();
        assert_eq!(ids, ["booking-bk-42-1d-1800", "booking-bk-42-120m"]);

        // Same rules in another order, a moved slot, a later `now`: same ids.
        let mut rules = default_rules();
        rules.reverse();
        let moved = booking(hanoi(2026, 2, 20, 15, 0));
        let again = reminders(&moved, &rules, hanoi(2026, 2, 1, 0, 0));
        let again_ids: Vec<&str> = again.iter().map(|r| r.notification_id.as_str()).collect();
        assert_eq!(again_ids, ids);

        // Another booking gets other ids.
        let mut other = booking(slot);
        other.id = "bk-43".to_owned();
        assert!(
            reminders(&other, &default_rules(), now)
                .iter()
                .all(|r| !ids.contains(&r.notification_id.as_str()))
        );
    }

    #[test]
    fn notification_ids_lists_what_to_cancel_even_when_nothing_is_due() {
        let mut b = booking(hanoi(2026, 2, 17, 9, 0));
        b.status = BookingStatus::Cancelled;
        let mut rules = default_rules();
        rules.push(ReminderRule::days_before_at(1, "25:00"));
        rules.push(ReminderRule::days_before_at(1, "18:00"));
        assert_eq!(
            notification_ids(&b.id, &rules),
            ["booking-bk-42-1d-1800", "booking-bk-42-120m"]
        );
    }

    #[test]
    fn texts_name_the_office_address_and_vietnam_time_and_the_papers() {
        let slot = hanoi(2026, 2, 17, 9, 5);
        let got = reminders(&booking(slot), &default_rules(), hanoi(2026, 1, 1, 0, 0));
        let evening = &got[0];
        assert_eq!(evening.booking_id, "bk-42");
        assert_eq!(evening.title_vi, "Ngày mai bạn có lịch hẹn dịch vụ công");
        assert_eq!(
            evening.title_en,
            "You have a public-service appointment tomorrow"
        );
        assert_eq!(
            evening.body_vi,
            "Lịch hẹn tại Bưu điện Hoàn Kiếm, 75 Đinh Tiên Hoàng, phường Hoàn Kiếm, Hà Nội \
             lúc 17/02/2026 09:05 (giờ Việt Nam). Vui lòng mang theo giấy tờ tùy thân và \
             đầy đủ giấy tờ của hồ sơ."
        );
        assert_eq!(
            evening.body_en,
            "Appointment at Bưu điện Hoàn Kiếm, 75 Đinh Tiên Hoàng, phường Hoàn Kiếm, Hà Nội \
             at 17/02/2026 09:05 (Vietnam time). Please bring your ID and all the papers for \
             your application."
        );
        assert_eq!(evening.deep_link, "dvc://booking/bk-42");
        let two_hours = &got[1];
        assert_eq!(
            two_hours.title_vi,
            "Còn 2 giờ nữa đến lịch hẹn dịch vụ công"
        );
        assert_eq!(
            two_hours.title_en,
            "Your public-service appointment is in 2 hours"
        );
        assert_eq!(two_hours.body_vi, evening.body_vi);
    }

    #[test]
    fn lead_times_read_naturally_in_both_languages() {
        assert_eq!(duration_texts(1), ("1 phút".into(), "1 minute".into()));
        assert_eq!(duration_texts(60), ("1 giờ".into(), "1 hour".into()));
        assert_eq!(
            duration_texts(90),
            ("1 giờ 30 phút".into(), "1 hour 30 minutes".into())
        );
        assert_eq!(
            duration_texts(1440 + 61),
            ("1 ngày 1 giờ 1 phút".into(), "1 day 1 hour 1 minute".into())
        );
        assert_eq!(duration_texts(2880), ("2 ngày".into(), "2 days".into()));
    }

    #[test]
    fn an_empty_office_address_leaves_no_stray_comma() {
        let mut b = booking(hanoi(2026, 2, 17, 9, 0));
        b.office_address = "  ".to_owned();
        let got = reminders(&b, &default_rules(), hanoi(2026, 1, 1, 0, 0));
        assert!(
            got[0]
                .body_vi
                .starts_with("Lịch hẹn tại Bưu điện Hoàn Kiếm lúc ")
        );
    }

    #[test]
    fn deep_links_percent_encode_unusual_booking_ids() {
        assert_eq!(deep_link("bk_1.a~Z-9"), "dvc://booking/bk_1.a~Z-9");
        assert_eq!(deep_link("a b/c?đ"), "dvc://booking/a%20b%2Fc%3F%C4%91");
        assert_eq!(deep_link(""), "dvc://booking/");
    }

    #[test]
    fn validate_rules_accepts_clock_times_from_00_00_to_23_59() {
        let rules = [
            ReminderRule::days_before_at(0, "00:00"),
            ReminderRule::days_before_at(7, "23:59"),
            ReminderRule::minutes_before(0),
            ReminderRule::minutes_before(i32::MAX),
        ];
        assert_eq!(validate_rules(&rules), Ok(()));
        let after = validate_rules(&[ReminderRule::minutes_before(-30)]).unwrap_err();
        assert!(after.en().contains("negative") && after.vi().contains("số âm"));
        assert_eq!(validate_rules(&[]), Ok(()));
    }

    #[test]
    fn validate_rules_rejects_malformed_clock_times_naming_the_field_and_rule() {
        for bad in [
            "",
            "24:00",
            "18:60",
            "7:00",
            "07:0",
            "18h00",
            "18:00:00",
            " 18:00",
            "ab:cd",
            "１８:００",
            "+1:00",
            "-1:00",
            "18：00",
        ] {
            let rules = [
                ReminderRule::minutes_before(120),
                ReminderRule::days_before_at(1, bad),
            ];
            let err = validate_rules(&rules).unwrap_err();
            assert_eq!(err.field(), Some("reminder_rules"), "{bad:?}");
            assert!(err.vi().contains("thứ 2"), "{}", err.vi());
            assert!(err.en().contains("rule 2"), "{}", err.en());
            assert!(err.vi().contains(bad));
            // `reminders` skips the bad rule and keeps the good one.
            let slot = hanoi(2026, 2, 17, 9, 0);
            let got = reminders(&booking(slot), &rules, hanoi(2026, 1, 1, 0, 0));
            assert_eq!(times(&got), vec![hanoi(2026, 2, 17, 7, 0)], "{bad:?}");
        }
    }

    #[test]
    fn validate_rules_rejects_a_clock_time_with_a_part_day_offset() {
        let rules = [ReminderRule {
            offset_minutes: 1500,
            at_local_time: Some("18:00".to_owned()),
        }];
        let err = validate_rules(&rules).unwrap_err();
        assert_eq!(err.field(), Some("reminder_rules"));
        assert!(err.en().contains("1500 minutes"), "{}", err.en());
        let slot = hanoi(2026, 2, 17, 9, 0);
        assert!(reminders(&booking(slot), &rules, hanoi(2026, 1, 1, 0, 0)).is_empty());
    }

    #[test]
    fn extreme_dates_and_offsets_give_no_panic() {
        let rules = [
            ReminderRule::minutes_before(i32::MAX),
            ReminderRule::days_before_at(i32::MAX / 1440, "23:59"),
            ReminderRule::days_before_at(i32::MAX, "00:00"),
            ReminderRule::days_before_at(0, "23:59"),
            ReminderRule::minutes_before(0),
        ];
        for slot in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let mut b = booking(DateTime::<Utc>::UNIX_EPOCH);
            b.slot_start = slot;
            b.slot_end = slot;
            for now in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
                for r in reminders(&b, &rules, now) {
                    assert!(r.at > now && r.at <= slot);
                }
            }
        }
        let _ = validate_rules(&rules);
    }

    #[test]
    fn rules_and_reminders_travel_as_plain_json() {
        let json = serde_json::to_value(default_rules()).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                { "offset_minutes": 1440, "at_local_time": "18:00" },
                { "offset_minutes": 120, "at_local_time": null },
            ])
        );
        let slot = hanoi(2026, 2, 17, 9, 0);
        let got = reminders(&booking(slot), &default_rules(), hanoi(2026, 1, 1, 0, 0));
        let text = serde_json::to_string(&got).unwrap();
        let back: Vec<Reminder> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, got);
    }
}
