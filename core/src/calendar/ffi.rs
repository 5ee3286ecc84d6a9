//! How a calendar date crosses the FFI (only with the `uniffi` feature): as
//! an ISO 8601 string `YYYY-MM-DD`, which Kotlin and Swift parse with their
//! own date types.

use chrono::NaiveDate;

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |date| date.format("%Y-%m-%d").to_string(),
    try_lift: |text| Ok(NaiveDate::parse_from_str(&text, "%Y-%m-%d")?),
});
