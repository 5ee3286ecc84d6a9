//! Push, not poll: what changes inside the core reaches the app's
//! listeners as it happens: a sync's progress and outcome, new
//! notifications, the connection as the core sees it, the worklist. A
//! subscription lasts until its handle is cancelled or dropped. Listeners
//! are called on the core's threads and must hand the event on quickly
//! (the Kotlin `Flow` and Swift `AsyncStream` wrappers do).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use crate::field::view::SyncReport;

/// Something that changed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CoreEvent {
    /// A sync sent a batch: how far it is.
    SyncProgress {
        /// Entries sent so far in this sync.
        sent: i32,
        /// Entries acknowledged so far.
        acknowledged: i32,
    },
    /// A sync ended (also when it stopped early: see its error texts).
    SyncFinished {
        /// What it did.
        report: SyncReport,
    },
    /// Notifications were added (read them with `pending_notifications`).
    NewNotifications {
        /// How many.
        count: i32,
    },
    /// The core reached the server, or could not, unlike the time before.
    Connectivity {
        /// True when the last request reached the server.
        online: bool,
    },
    /// The stored worklist or what this device did on it changed.
    WorklistChanged,
    /// A file upload moved on: the server has `sent` of `total` bytes.
    UploadProgress {
        /// The file's SHA-256.
        sha256: String,
        /// Bytes the server has.
        sent: i64,
        /// The file's size.
        total: i64,
    },
}

/// Told about every [`CoreEvent`]: implemented by the app.
#[cfg_attr(feature = "uniffi", uniffi::export(foreign))]
pub trait CoreListener: Send + Sync {
    /// One event. Called on the core's threads: hand it on, do not block.
    fn on_event(&self, event: CoreEvent);
}

type Entry = (u64, Arc<dyn CoreListener>);

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("listeners", &self.lock().len())
            .finish()
    }
}

/// The listeners of one core.
#[derive(Default)]
pub struct Hub {
    listeners: Mutex<Vec<Entry>>,
    next: AtomicU64,
    /// The last connectivity told (to tell only changes).
    online: Mutex<Option<bool>>,
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.listeners.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Tells every listener (outside the lock: a listener may subscribe or
    /// cancel from its callback).
    pub(crate) fn emit(&self, event: CoreEvent) {
        let listeners: Vec<Arc<dyn CoreListener>> =
            self.lock().iter().map(|(_, l)| l.clone()).collect();
        for listener in listeners {
            listener.on_event(event.clone());
        }
    }

    /// Tells the connectivity when it differs from the last one told.
    pub(crate) fn connectivity(&self, online: bool) {
        let changed = {
            let mut last = self.online.lock().unwrap_or_else(|p| p.into_inner());
            let changed = *last != Some(online);
            *last = Some(online);
            changed
        };
        if changed {
            self.emit(CoreEvent::Connectivity { online });
        }
    }
}

/// Adds `listener` to `hub`; the handle removes it.
pub(crate) fn subscribe(hub: &Arc<Hub>, listener: Arc<dyn CoreListener>) -> Subscription {
    let id = hub.next.fetch_add(1, Ordering::Relaxed);
    hub.lock().push((id, listener));
    Subscription {
        hub: Arc::downgrade(hub),
        id,
        cancelled: AtomicBool::new(false),
    }
}

/// A listener's subscription: it stops on [`Subscription::cancel`] or when
/// the handle is dropped (garbage-collected, deinitialised).
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
pub struct Subscription {
    hub: Weak<Hub>,
    id: u64,
    cancelled: AtomicBool,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Subscription {
    /// Stops the events; calling it again does nothing.
    pub fn cancel(&self) {
        if self.cancelled.swap(true, Ordering::Relaxed) {
            return;
        }
        if let Some(hub) = self.hub.upgrade() {
            hub.lock().retain(|(id, _)| *id != self.id);
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Seen(Mutex<Vec<CoreEvent>>);

    impl CoreListener for Seen {
        fn on_event(&self, event: CoreEvent) {
            self.0.lock().unwrap().push(event);
        }
    }

    #[test]
    fn a_subscription_hears_each_event_once_until_cancelled_or_dropped() {
        let hub = Arc::new(Hub::default());
        let seen = Arc::new(Seen::default());
        let sub = subscribe(&hub, seen.clone());
        hub.emit(CoreEvent::WorklistChanged);
        hub.connectivity(false);
        hub.connectivity(false);
        assert_eq!(
            *seen.0.lock().unwrap(),
            [
                CoreEvent::WorklistChanged,
                CoreEvent::Connectivity { online: false }
            ]
        );
        sub.cancel();
        hub.emit(CoreEvent::WorklistChanged);
        assert_eq!(seen.0.lock().unwrap().len(), 2);
        let other = Arc::new(Seen::default());
        drop(subscribe(&hub, other.clone()));
        hub.emit(CoreEvent::WorklistChanged);
        assert!(other.0.lock().unwrap().is_empty());
    }
}
