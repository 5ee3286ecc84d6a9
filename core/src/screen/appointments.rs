//! Lịch hẹn: the person's appointments — upcoming first, with the local
//! notifications to schedule for each (from the core's reminder rules) and
//! "add to calendar" (`Bookings.ics`); past and cancelled ones below.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::offices::priority_label;
use super::{Language, Notice, ScreenService, Tone, format, unreachable};
use crate::api::model::{Booking, BookingStatus};
use crate::booking::{default_rules, reminders};
use crate::error::CoreResult;

/// A local notification to schedule for an appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReminderRow {
    /// Stable id: scheduling it twice replaces the first.
    pub notification_id: String,
    /// When to show it.
    pub at: DateTime<Utc>,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Where tapping it goes.
    pub deep_link: String,
}

/// One appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AppointmentRow {
    /// Booking id (cancel, reschedule, calendar file).
    pub booking_id: String,
    /// Office id (reschedule opens its slots).
    pub office_id: String,
    /// When: `08:30–09:00, Thứ Ba, 01/12/2026`.
    pub when: String,
    /// Office and address.
    pub place: String,
    /// The procedure.
    pub procedure: String,
    /// Booked, cancelled or past, in words.
    pub status: String,
    /// Priority service claimed, in words.
    pub priority: Option<String>,
    /// True while it can be cancelled or moved.
    pub changeable: bool,
    /// Local notifications to schedule (upcoming appointments only).
    pub reminders: Vec<ReminderRow>,
}

/// The appointments screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AppointmentsScreen {
    /// Title.
    pub title: String,
    /// Upcoming appointments, soonest first.
    pub upcoming: Vec<AppointmentRow>,
    /// Past and cancelled ones, latest first.
    pub earlier: Vec<AppointmentRow>,
    /// Heading of the earlier ones.
    pub earlier_title: String,
    /// Said when there is no upcoming appointment.
    pub empty: Option<String>,
    /// The offline banner, when the list is the stored copy.
    pub offline: Option<Notice>,
    /// Button: cancel.
    pub cancel_label: String,
    /// Button: change the time.
    pub reschedule_label: String,
    /// Button: add to the calendar.
    pub calendar_label: String,
    /// What the reminders are.
    pub reminders_note: String,
}

impl ScreenService {
    /// The appointments screen: fetched, or the stored copy offline.
    pub async fn appointments(&self, lang: Language) -> CoreResult<AppointmentsScreen> {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let (bookings, offline) = match self.bookings().refresh().await {
            Ok(list) => (list, None),
            Err(e) if unreachable(&e) => (
                self.bookings().cached()?,
                Some(Notice::new(
                    Tone::Warning,
                    super::CommonTexts::new(lang).offline,
                )),
            ),
            Err(e) => return Err(e),
        };
        let now = self.ctx.now();
        let (mut upcoming, mut earlier): (Vec<Booking>, Vec<Booking>) = bookings
            .into_iter()
            .partition(|b| b.status == BookingStatus::Active && b.slot_end > now);
        upcoming.sort_by_key(|b| b.slot_start);
        earlier.sort_by_key(|b| std::cmp::Reverse(b.slot_start));
        let upcoming: Vec<AppointmentRow> =
            upcoming.iter().map(|b| self.row(b, lang, now)).collect();
        Ok(AppointmentsScreen {
            title: t("Lịch hẹn của tôi", "My appointments"),
            empty: upcoming
                .is_empty()
                .then(|| t("Chưa có lịch hẹn nào sắp tới.", "No upcoming appointment.")),
            upcoming,
            earlier: earlier.iter().map(|b| self.row(b, lang, now)).collect(),
            earlier_title: t("Đã qua hoặc đã huỷ", "Past or cancelled"),
            offline,
            cancel_label: t("Huỷ lịch", "Cancel"),
            reschedule_label: t("Đổi giờ", "Change time"),
            calendar_label: t("Thêm vào lịch", "Add to calendar"),
            reminders_note: t(
                "Điện thoại sẽ nhắc bạn trước giờ hẹn.",
                "Your phone reminds you before the appointment.",
            ),
        })
    }

    fn row(&self, b: &Booking, lang: Language, now: DateTime<Utc>) -> AppointmentRow {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let procedure = self
            .catalogue()
            .procedure(&b.procedure_code)
            .map(|p| p.display_name(lang.english()).to_owned())
            .unwrap_or_else(|_| b.procedure_code.clone());
        let active = b.status == BookingStatus::Active;
        let changeable = active && b.slot_start > now;
        AppointmentRow {
            booking_id: b.id.clone(),
            office_id: b.office_id.clone(),
            when: format!(
                "{}, {}",
                format::span(b.slot_start, b.slot_end),
                format::day_of(b.slot_start, lang)
            ),
            place: format!("{}, {}", b.office_name, b.office_address),
            procedure,
            status: if !active {
                t("Đã huỷ", "Cancelled")
            } else if b.slot_end <= now {
                t("Đã qua", "Past")
            } else {
                t("Đã đặt", "Booked")
            },
            priority: b.priority.map(|p| priority_label(p, lang).to_owned()),
            changeable,
            reminders: reminders(b, &default_rules(), now)
                .into_iter()
                .map(|r| ReminderRow {
                    notification_id: r.notification_id,
                    at: r.at,
                    title: lang.take(r.title_vi, r.title_en),
                    body: lang.take(r.body_vi, r.body_en),
                    deep_link: r.deep_link,
                })
                .collect(),
        }
    }
}
