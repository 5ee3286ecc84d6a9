//! Appointments, for the booking screens.

use std::time::SystemTime;

use dvc_core::CoreError;
use dvc_core::api::model::{Booking, Priority};
use dvc_core::booking::{BookingService, Reminder, ReminderRule, SlotsView};
use dvc_core::calendar::Holiday;

/// Đặt lịch: slots, book, cancel, move, reminders, calendar files.
#[derive(uniffi::Object)]
pub struct Bookings {
    inner: BookingService,
}

impl Bookings {
    pub(crate) fn new(inner: BookingService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Bookings {
    /// Bookable slots of an office on a day (`YYYY-MM-DD`); offline, the
    /// last copy, marked stale.
    pub async fn slots(&self, office_id: String, date: String) -> Result<SlotsView, CoreError> {
        self.inner.slots(office_id, date).await
    }

    /// Books a slot. Needs a connection; never queued.
    pub async fn book(
        &self,
        office_id: String,
        slot_start: SystemTime,
        procedure_code: String,
        priority: Option<Priority>,
    ) -> Result<Booking, CoreError> {
        self.inner
            .book(office_id, slot_start.into(), procedure_code, priority)
            .await
    }

    /// Cancels a booking. Needs a connection.
    pub async fn cancel(&self, booking_id: String) -> Result<Booking, CoreError> {
        self.inner.cancel(booking_id).await
    }

    /// Moves a booking to another slot, or changes nothing. Needs a connection.
    pub async fn reschedule(
        &self,
        booking_id: String,
        slot_start: SystemTime,
    ) -> Result<Booking, CoreError> {
        self.inner.reschedule(booking_id, slot_start.into()).await
    }

    /// The account's bookings from the server.
    pub async fn refresh(&self) -> Result<Vec<Booking>, CoreError> {
        self.inner.refresh().await
    }

    /// The bookings on this device (works offline).
    pub fn cached(&self) -> Result<Vec<Booking>, CoreError> {
        self.inner.cached()
    }

    /// Local notifications to schedule for a booking.
    pub fn reminders(
        &self,
        booking_id: String,
        rules: Vec<ReminderRule>,
    ) -> Result<Vec<Reminder>, CoreError> {
        self.inner.reminders(&booking_id, &rules)
    }

    /// The default reminder rules (the day before at 18:00, two hours before).
    pub fn default_reminder_rules(&self) -> Vec<ReminderRule> {
        dvc_core::booking::default_rules()
    }

    /// A booking as an iCalendar (.ics) file.
    pub fn ics(&self, booking_id: String) -> Result<String, CoreError> {
        self.inner.ics(&booking_id)
    }

    /// The days off of a year (server calendar when reachable, kept offline).
    pub async fn holidays(&self, year: i32) -> Result<Vec<Holiday>, CoreError> {
        self.inner.holidays(year).await
    }
}
