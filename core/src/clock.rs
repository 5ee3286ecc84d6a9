//! The core's clock: the phone's UTC time, shifted by an offset that tests
//! (and demos) set, so nothing the core decides depends on today's date
//! unless the caller wants it to. Every service reads the time here.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

/// A settable clock; starts at the system time.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    /// Now, as this clock tells it.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Makes it `at` now (time then runs on from there).
    pub fn set(&self, at: DateTime<Utc>) {
        let offset = (at - Utc::now()).num_milliseconds();
        self.offset_ms.store(offset, Ordering::Relaxed);
    }

    /// Moves the clock on by `by` (or back, when negative).
    pub fn advance(&self, by: Duration) {
        self.offset_ms
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }

    /// Back to the system time.
    pub fn reset(&self) {
        self.offset_ms.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_runs_on_from_the_time_set() {
        let clock = Clock::default();
        let at = DateTime::parse_from_rfc3339("2031-02-03T04:05:06Z")
            .unwrap()
            .with_timezone(&Utc);
        clock.set(at);
        // Milliseconds are kept: within one of the time set.
        let now = clock.now();
        assert!((now - at).num_milliseconds().abs() < 1_000, "{now}");
        clock.advance(Duration::days(2));
        assert!(
            (clock.now() - at - Duration::days(2))
                .num_milliseconds()
                .abs()
                < 1_000
        );
        clock.reset();
        assert!((clock.now() - Utc::now()).num_seconds().abs() < 5);
    }
}
