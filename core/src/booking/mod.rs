//! Đặt lịch hẹn: appointment slots at agent offices, booking, cancelling
//! and moving an appointment (always with the server: never queued
//! silently), free slots cached for offline viewing, reminders as data for
//! local notifications, and calendar files.

pub mod ics;
pub mod reminder;
pub mod rules;
mod service;
pub mod slots;
pub(crate) mod store;

pub use ics::booking_ics;
pub use reminder::{Reminder, ReminderRule, default_rules, reminders};
pub use rules::BookingRules;
pub use service::{BookingService, SlotsView};
