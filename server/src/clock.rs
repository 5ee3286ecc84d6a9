//! The server's clock: the system time, which tests can move forward to
//! replay hours of an attack in seconds.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};

/// The time the server goes by; clones share one offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// Now, as this server sees it.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Sets this clock to `at` (time runs on from there): tests and the
    /// CLI's `DVC_NOW` fix the date so nothing depends on today's.
    pub fn set(&self, at: DateTime<Utc>) {
        let offset = (at - Utc::now()).num_milliseconds();
        self.offset_ms.store(offset, Ordering::Relaxed);
    }

    /// Moves this clock forward by `by` (tests only; never backwards).
    pub fn advance(&self, by: std::time::Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_advanced_clock_runs_ahead_for_every_clone() {
        let clock = Clock::default();
        let other = clock.clone();
        clock.advance(std::time::Duration::from_secs(3600));
        let ahead = other.now() - Utc::now();
        assert!(ahead >= chrono::Duration::seconds(3599), "{ahead}");
    }
}
