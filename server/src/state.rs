//! What every handler shares: the database, the code sender, settings.

use std::sync::Arc;
use std::time::Duration;

use dvc_core::CoreError;
use dvc_core::calendar::WorkingCalendar;
use dvc_core::storage::Database;

use crate::auth::otp::OtpSender;
use std::net::IpAddr;

use crate::edge::limiter::RateLimiter;
use crate::error::{ApiError, ApiResult};

/// Settings of a running server.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a one-time code is valid.
    pub otp_ttl: Duration,
    /// The least time between two codes sent to one phone.
    pub otp_resend: Duration,
    /// Wrong codes allowed before the code is void.
    pub otp_max_attempts: u32,
    /// How long a citizen's token lasts.
    pub citizen_token_ttl: Duration,
    /// How long a staff member's token lasts (one working day).
    pub staff_token_ttl: Duration,
    /// Appointment booking rules.
    pub booking: dvc_core::booking::BookingRules,
    /// Home delivery fee and service level.
    pub delivery: dvc_core::tracking::model::DeliveryTerms,
    /// Injected failures, for resilience tests (`None` in normal use).
    pub faults: Option<crate::faults::Faults>,
    /// Connection, timeout and body limits of the HTTP edge.
    pub edge: crate::edge::EdgeSettings,
    /// Request rates and sign-in lockouts.
    pub rates: crate::edge::RateSettings,
    /// Per-citizen caps on filing.
    pub filing: FilingLimits,
    /// File limits, upload allowances and retention.
    pub files: crate::files::FileSettings,
}

/// What one citizen may file: caps that keep one account from using up
/// a unit's daily dossier numbers or the office's attention.
#[derive(Debug, Clone, Copy)]
pub struct FilingLimits {
    /// Dossiers not yet ended (statuses other than 3, 7, 8, 10) at once.
    pub max_open: u32,
    /// Dossiers filed per Vietnam day.
    pub max_per_day: u32,
    /// Dossiers answered per page of `GET /v1/dossiers` at most.
    pub max_page: u32,
}

impl Default for FilingLimits {
    fn default() -> Self {
        Self {
            max_open: 20,
            max_per_day: 10,
            max_page: 200,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            otp_ttl: Duration::from_secs(5 * 60),
            otp_resend: Duration::from_secs(30),
            otp_max_attempts: 5,
            citizen_token_ttl: Duration::from_secs(30 * 24 * 3600),
            staff_token_ttl: Duration::from_secs(12 * 3600),
            booking: dvc_core::booking::BookingRules::default(),
            delivery: default_delivery_terms(),
            faults: None,
            edge: crate::edge::EdgeSettings::default(),
            rates: crate::edge::RateSettings::default(),
            filing: FilingLimits::default(),
            files: crate::files::FileSettings::default(),
        }
    }
}

/// The home delivery terms until the operator configures real ones: the
/// service level is the one the postal rules set between districts (J+2,
/// TT 17/2017/TT-BTTTT); the fee is a sample, since no source gave it.
pub fn default_delivery_terms() -> dvc_core::tracking::model::DeliveryTerms {
    dvc_core::tracking::model::DeliveryTerms {
        fee_vnd: 25_000,
        service_days: 2,
        sample: true,
        note: "Sample fee (not sourced; set the operator's real tariff). Free for people with \
               meritorious service and social-protection beneficiaries (Hanoi supports their \
               delivery costs). J+2 working days as between districts under TT 17/2017/TT-BTTTT."
            .to_owned(),
    }
}

/// The catalogue the server publishes: its JSON and ETag.
#[derive(Debug, Clone)]
pub struct CatalogueDoc {
    /// The JSON served.
    pub json: String,
    /// A strong ETag: the version and a hash of the bytes.
    pub etag: String,
    /// The parsed catalogue (procedures and their documents).
    pub data: Arc<dvc_core::catalogue::model::CatalogueData>,
}

impl CatalogueDoc {
    /// Checks `json` as the core would and computes its ETag.
    pub fn new(json: String) -> dvc_core::CoreResult<Self> {
        let data = dvc_core::catalogue::validate::parse_catalogue(&json)?;
        Ok(Self {
            etag: crate::routes::etag::tag(&data.version, json.as_bytes()),
            json,
            data: Arc::new(data),
        })
    }
}

/// Shared state of the server; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The server's database.
    pub db: Arc<Database>,
    /// Sends one-time codes.
    pub otp_sender: Arc<dyn OtpSender>,
    /// Settings.
    pub settings: Arc<Settings>,
    /// The procedure catalogue served.
    pub catalogue: Arc<CatalogueDoc>,
    /// Holidays (with the stored overrides) and working days.
    pub working_calendar: Arc<std::sync::RwLock<Arc<WorkingCalendar>>>,
    /// The time the server goes by.
    pub clock: crate::clock::Clock,
    /// Request counters and the password-check slots.
    pub counters: Arc<Counters>,
    /// The bytes of uploaded files.
    pub blobs: Arc<dyn crate::files::BlobStore>,
}

/// What the server counts in memory to hold back floods.
#[derive(Debug)]
pub struct Counters {
    /// Code requests per client address.
    pub code_requests: RateLimiter<IpAddr>,
    /// Code requests of all clients.
    pub code_requests_all: RateLimiter<()>,
    /// Code checks per client address.
    pub code_checks: RateLimiter<IpAddr>,
    /// Code checks of all clients.
    pub code_checks_all: RateLimiter<()>,
    /// Staff sign-ins per client address.
    pub staff_sign_ins: RateLimiter<IpAddr>,
    /// Public track lookups per client address.
    pub track: RateLimiter<IpAddr>,
    /// Lookups of unknown dossiers (or with a wrong check) per client address.
    pub track_misses: RateLimiter<IpAddr>,
    /// Misses of all clients.
    pub track_misses_all: RateLimiter<()>,
    /// Wrong receipt checks per dossier code, per hour.
    pub wrong_checks: RateLimiter<String>,
    /// The threads that check staff passwords.
    pub passwords: crate::auth::checker::PasswordChecker,
}

impl Counters {
    /// Fresh counters for `rates`.
    pub fn new(rates: &crate::edge::RateSettings) -> Self {
        Self {
            code_requests: RateLimiter::default(),
            code_requests_all: RateLimiter::default(),
            code_checks: RateLimiter::default(),
            code_checks_all: RateLimiter::default(),
            staff_sign_ins: RateLimiter::default(),
            track: RateLimiter::default(),
            track_misses: RateLimiter::default(),
            track_misses_all: RateLimiter::default(),
            wrong_checks: RateLimiter::per(std::time::Duration::from_secs(3600)),
            passwords: crate::auth::checker::PasswordChecker::start(rates.password_checks),
        }
    }
}

impl AppState {
    /// Counts a hit of `limiter` for `key`, `Err` (429) beyond `per_minute`.
    pub fn count<K: std::hash::Hash + Eq + Clone>(
        &self,
        limiter: impl FnOnce(&Counters) -> &RateLimiter<K>,
        key: &K,
        per_minute: u32,
    ) -> ApiResult<()> {
        limiter(&self.counters)
            .hit(key, per_minute, std::time::Instant::now())
            .map_err(ApiError::rate_limited)
    }

    /// The working calendar in force.
    pub fn calendar(&self) -> Arc<WorkingCalendar> {
        self.working_calendar
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Runs blocking database work off the async workers.
    pub async fn blocking<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Database) -> ApiResult<T> + Send + 'static,
    {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || f(&db))
            .await
            .map_err(|e| CoreError::internal(e).into())
            .and_then(|r| r)
    }
}
