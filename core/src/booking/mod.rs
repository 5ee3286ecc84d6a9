//! Đặt lịch hẹn: appointment slots at agent offices, booking, cancelling
//! and moving an appointment (always with the server: never queued
//! silently), free slots cached for offline viewing, reminders as data for
//! local notifications, and calendar files.

pub mod rules;
pub mod slots;

pub use rules::BookingRules;
