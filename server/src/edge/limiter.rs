//! Request rates counted in memory: a fixed one-minute window per key
//! (a client address, or one global key). Memory stays bounded: when the
//! table grows past its cap, windows that have ended are dropped, and if
//! that is not enough the new key is refused (an attacker with very many
//! addresses meets the global ceilings first).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys tracked at most by one limiter.
const MAX_KEYS: usize = 100_000;

/// How long a rate window lasts.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Counts hits per key in fixed windows (one minute unless made with
/// [`RateLimiter::per`]).
#[derive(Debug)]
pub struct RateLimiter<K> {
    windows: Mutex<HashMap<K, (Instant, u32)>>,
    window: Duration,
}

impl<K> Default for RateLimiter<K> {
    fn default() -> Self {
        Self::per(WINDOW)
    }
}

impl<K> RateLimiter<K> {
    /// A limiter counting in windows of `window`.
    pub fn per(window: Duration) -> Self {
        Self {
            windows: Mutex::new(HashMap::new()),
            window,
        }
    }
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    /// Counts a hit for `key` against `per_minute`; `Err(wait)` when the
    /// key has used up its window, with the time until the window ends.
    pub fn hit(&self, key: &K, per_minute: u32, now: Instant) -> Result<(), Duration> {
        let window = self.window;
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() >= MAX_KEYS && !windows.contains_key(key) {
            windows.retain(|_, (start, _)| now.duration_since(*start) < window);
            if windows.len() >= MAX_KEYS {
                return Err(window);
            }
        }
        let entry = windows.entry(key.clone()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        if entry.1 >= per_minute {
            return Err(window.saturating_sub(now.duration_since(entry.0)));
        }
        entry.1 += 1;
        Ok(())
    }

    /// `Err(wait)` when `key` has used up its window, without counting a
    /// hit (to refuse before doing work that would count as one).
    pub fn exhausted(&self, key: &K, per_window: u32, now: Instant) -> Result<(), Duration> {
        let windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        match windows.get(key) {
            Some((start, n)) if now.duration_since(*start) < self.window && *n >= per_window => {
                Err(self.window.saturating_sub(now.duration_since(*start)))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_quota_per_window_and_others_are_apart() {
        let l = RateLimiter::default();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.hit(&"a", 3, t0).is_ok());
        }
        let wait = l.hit(&"a", 3, t0 + Duration::from_secs(20)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(40));
        assert!(l.hit(&"b", 3, t0).is_ok());
        assert!(l.hit(&"a", 3, t0 + WINDOW).is_ok());
    }
}
