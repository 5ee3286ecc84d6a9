//! How types the core borrows from other crates cross the FFI (only with
//! the `uniffi` feature): an instant travels as `SystemTime`, which Kotlin
//! sees as `java.time.Instant` and Swift as `Date`.

use std::time::SystemTime;

/// An instant in UTC, as stored everywhere in the core.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |instant| instant.into(),
    try_lift: |time| Ok(time.into()),
});
