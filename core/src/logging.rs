//! The core's log, handed to the platform: its `tracing` events go to a
//! [`LogSink`] the app gives (Logcat on Android, `os_log` on iOS) at a level
//! the app sets. A minimal subscriber of our own (no span tracking, one
//! line per event) keeps the library small. Events name what happened and
//! error kinds, never people's data: no phone numbers, codes, addresses,
//! tokens or full URLs with their queries.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// How much to log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LogLevel {
    /// Failures only.
    Error,
    /// Failures and things that went around a problem.
    Warn,
    /// Milestones (migrations, a database moved aside).
    Info,
    /// Each request and retry.
    Debug,
    /// Everything.
    Trace,
}

impl LogLevel {
    fn of(level: &Level) -> Self {
        match *level {
            Level::ERROR => Self::Error,
            Level::WARN => Self::Warn,
            Level::INFO => Self::Info,
            Level::DEBUG => Self::Debug,
            _ => Self::Trace,
        }
    }
}

/// One log line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LogRecord {
    /// Its level.
    pub level: LogLevel,
    /// The module it came from (`dvc_core::api::client`).
    pub target: String,
    /// The message, then its fields as `name=value`.
    pub message: String,
}

/// Where the core's log goes: implemented by the app (Logcat, os_log).
#[cfg_attr(feature = "uniffi", uniffi::export(foreign))]
pub trait LogSink: Send + Sync {
    /// Writes one line. Called on the core's threads: must not block long.
    fn log(&self, record: LogRecord);
}

/// The sink in use and its level (one per process, as `tracing` has one
/// global subscriber).
struct Router {
    sink: RwLock<Option<Arc<dyn LogSink>>>,
    level: AtomicU8,
}

static ROUTER: OnceLock<Router> = OnceLock::new();

/// Sends the core's log at `level` and above to `sink` (replacing any
/// earlier sink). The first call installs the process's `tracing`
/// subscriber; when the process already has another one (the terminal
/// shell's), that one keeps the log and this returns false.
pub fn set_log_sink(sink: Arc<dyn LogSink>, level: LogLevel) -> bool {
    let mut first = false;
    let router = ROUTER.get_or_init(|| {
        first = true;
        Router {
            sink: RwLock::new(None),
            level: AtomicU8::new(level as u8),
        }
    });
    *router.sink.write().unwrap_or_else(|p| p.into_inner()) = Some(sink);
    router.level.store(level as u8, Ordering::Relaxed);
    if first {
        return tracing::subscriber::set_global_default(ToSink(router)).is_ok();
    }
    true
}

/// A request path as logged: the query dropped and every segment that is
/// not a plain word (ids, dossier codes, item numbers) shown as `{}`.
pub(crate) fn route_of(path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    path.split('/')
        .map(|segment| {
            if segment
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
                || segment == "v1"
            {
                segment
            } else {
                "{}"
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The subscriber: events at or above the level, formatted into one line.
struct ToSink(&'static Router);

impl Subscriber for ToSink {
    // Asked at every event, not cached per call site: the app may change
    // the level at any time.
    fn register_callsite(&self, _: &'static Metadata<'static>) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::sometimes()
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        LogLevel::of(metadata.level()) as u8 <= self.0.level.load(Ordering::Relaxed)
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let Some(sink) = self
            .0
            .sink
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
        else {
            return;
        };
        let mut line = Line::default();
        event.record(&mut line);
        let meta = event.metadata();
        sink.log(LogRecord {
            level: LogLevel::of(meta.level()),
            target: meta.target().to_owned(),
            message: line.text,
        });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Collects an event's message and fields.
#[derive(Default)]
struct Line {
    text: String,
}

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let fields = std::mem::take(&mut self.text);
            let _ = write!(self.text, "{value:?}");
            if !fields.is_empty() {
                self.text.push(' ');
                self.text.push_str(&fields);
            }
        } else {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            let _ = write!(self.text, "{}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        // Strings without the quotes Debug would add.
        self.record_debug(field, &format_args!("{value}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logged_routes_hold_no_codes_ids_or_queries() {
        assert_eq!(
            route_of("/v1/track/000.00.01.H26-261201-0001?since=3&check=123456"),
            "/v1/track/{}"
        );
        assert_eq!(
            route_of("/v1/staff/items/RR000000014VN/scan"),
            "/v1/staff/items/{}/scan"
        );
        assert_eq!(route_of("/v1/offices"), "/v1/offices");
    }

    struct Collect(std::sync::Mutex<Vec<LogRecord>>);

    impl LogSink for Collect {
        fn log(&self, record: LogRecord) {
            self.0.lock().unwrap().push(record);
        }
    }

    #[test]
    fn events_at_or_above_the_level_reach_the_sink_as_one_line() {
        let sink = Arc::new(Collect(std::sync::Mutex::new(Vec::new())));
        // Unit tests share one process: the first test to install wins.
        if !set_log_sink(sink.clone(), LogLevel::Info) {
            return;
        }
        tracing::debug!("too fine");
        tracing::warn!(kind = "offline", "track refresh failed");
        let got = sink.0.lock().unwrap().clone();
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].level, LogLevel::Warn);
        assert_eq!(got[0].message, "track refresh failed kind=offline");
        assert!(got[0].target.starts_with("dvc_core::logging"));
    }
}
