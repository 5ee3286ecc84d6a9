//! Lịch: the Vietnamese lunar calendar (computed for Hanoi time), public
//! holidays with server overrides, and working-day arithmetic for dossier
//! time limits, all offline.

mod decided;
#[cfg(feature = "uniffi")]
mod ffi;
mod holidays;
mod lunar;
mod rule;
mod working_days;

pub use holidays::{CalendarDay, Holiday, HolidayCalendar, YearOverride, default_holidays};
pub use lunar::{FIRST_YEAR, LAST_YEAR, LunarDate, leap_month, to_lunar, to_solar};
pub use working_days::{RECEIPT_CUTOFF, TimeUnit, WorkingCalendar};
