//! Vietnam time: UTC+7 all year, no daylight saving. Instants are stored in
//! UTC; this module turns them into what a person in Vietnam reads.

use chrono::{DateTime, FixedOffset, Utc};

/// Seconds east of UTC for Vietnam (Indochina Time).
pub const VN_OFFSET_SECS: i32 = 7 * 3600;

/// The fixed UTC+7 offset (checked when compiling).
pub const VN: FixedOffset = match FixedOffset::east_opt(VN_OFFSET_SECS) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// `instant` on Vietnamese clocks.
pub fn to_vn(instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    instant.with_timezone(&VN)
}

/// `instant` as Vietnamese people write it: `dd/mm/yyyy HH:MM`.
pub fn format_vn(instant: DateTime<Utc>) -> String {
    to_vn(instant).format("%d/%m/%Y %H:%M").to_string()
}

/// An instant stored as RFC 3339 text (what the databases hold); a value
/// that does not read is a storage fault, reported as internal.
pub fn parse_stored(text: &str) -> crate::CoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(crate::CoreError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn utc_evening_is_next_morning_in_hanoi() {
        let t = Utc.with_ymd_and_hms(2026, 2, 16, 18, 30, 0).unwrap();
        assert_eq!(format_vn(t), "17/02/2026 01:30");
        assert_eq!(to_vn(t).offset().local_minus_utc(), 25_200);
    }
}
