//! The booking rules an office applies: slot length, how far ahead and how
//! soon people may book, and how many bookings one person may hold.

use serde::{Deserialize, Serialize};

/// Configuration of appointment booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BookingRules {
    /// Length of a slot in minutes.
    pub slot_minutes: i32,
    /// Days ahead (today included) that can be booked.
    pub horizon_days: i32,
    /// Minutes between now and the earliest bookable slot start.
    pub min_notice_minutes: i32,
    /// Active bookings one citizen may hold at once (one per procedure).
    pub max_active_per_citizen: i32,
}

impl Default for BookingRules {
    fn default() -> Self {
        Self {
            slot_minutes: 30,
            horizon_days: 14,
            min_notice_minutes: 60,
            max_active_per_citizen: 3,
        }
    }
}
