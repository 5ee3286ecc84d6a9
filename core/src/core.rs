//! The entry point: opens storage, builds the API client, and hands out
//! one service per capability.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::account::AccountService;
use crate::api::{ApiClient, RetryPolicy};
use crate::booking::BookingService;
use crate::catalogue::CatalogueService;
use crate::checklist::ChecklistService;
use crate::context::Context;
use crate::dossier::DossierService;
use crate::error::CoreResult;
use crate::office::OfficeService;
use crate::platform::SecureStore;
use crate::qr::QrService;
use crate::storage::{CLIENT_SCHEMA, Database, Durability};

/// How the app configures the core.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CoreConfig {
    /// Folder for the core's database (the app's files dir); empty keeps
    /// everything in memory (tests, previews).
    pub data_dir: String,
    /// Base URL of the server, e.g. `https://dvc.example.vn`.
    pub server_url: String,
    /// Per-request timeout in milliseconds (0 or less: 15 s).
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub request_timeout_ms: i32,
    /// Days acknowledged field-log entries are kept on the phone before
    /// they are pruned (the chain's head always stays); 0 or less: 30.
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub field_log_retention_days: i32,
    /// Path of the catalogue file the app ships beside the library (an
    /// iOS bundle resource; on Android an asset copied to a file), used
    /// until the server's newer version is installed. Empty: none (the
    /// CLI and server open with an embedded copy instead, see
    /// [`Core::open_with_catalogue`]).
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub catalogue_path: String,
    /// Path of the PEM file of trusted root certificates the app ships
    /// beside the library (Mozilla's list, `tls-roots.pem`), needed for an
    /// `https` server; the library holds none of its own. Empty: none (the
    /// CLI opens with an embedded copy, see [`Core::open_with_catalogue`]).
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub tls_roots_path: String,
    /// Bytes one attached file may have (photos are downscaled by the app
    /// before); 0 or less: 5 MB. Must not exceed the server's limit.
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub max_file_bytes: i64,
    /// Bytes all the pages of one dossier may have; 0 or less: 40 MB.
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    pub max_dossier_bytes: i64,
}

impl CoreConfig {
    /// A configuration with the default timeout.
    pub fn new(data_dir: impl Into<String>, server_url: impl Into<String>) -> Self {
        Self {
            data_dir: data_dir.into(),
            server_url: server_url.into(),
            request_timeout_ms: 0,
            field_log_retention_days: 0,
            catalogue_path: String::new(),
            tls_roots_path: String::new(),
            max_file_bytes: 0,
            max_dossier_bytes: 0,
        }
    }
}

/// The file name of the core's database inside the data folder.
pub const DATABASE_FILE: &str = "dvc-core.sqlite3";

/// The shared core: one per app process.
#[derive(Clone)]
pub struct Core {
    ctx: Arc<Context>,
}

impl Core {
    /// Opens the core: creates or migrates the database in
    /// `config.data_dir`, and prepares the API client.
    pub fn open(config: CoreConfig, store: Arc<dyn SecureStore>) -> CoreResult<Self> {
        Self::open_inner(config, store, None, None)
    }

    /// Opens the core like [`Core::open`], with `catalogue` (JSON) as the
    /// catalogue of last resort when none is installed and
    /// `config.catalogue_path` is empty (the CLI, the server and tests pass
    /// [`crate::catalogue::BUNDLED_JSON`]), and the project's TLS roots
    /// ([`crate::api::BUNDLED_TLS_ROOTS`]) when `config.tls_roots_path` is
    /// empty. Rust only; the mobile library never calls it, so neither is
    /// linked into it.
    pub fn open_with_catalogue(
        config: CoreConfig,
        store: Arc<dyn SecureStore>,
        catalogue: &'static str,
    ) -> CoreResult<Self> {
        Self::open_inner(
            config,
            store,
            Some(catalogue),
            Some(crate::api::BUNDLED_TLS_ROOTS),
        )
    }

    fn open_inner(
        config: CoreConfig,
        store: Arc<dyn SecureStore>,
        fallback_catalogue: Option<&'static str>,
        fallback_roots: Option<&'static [u8]>,
    ) -> CoreResult<Self> {
        let timeout = match u64::try_from(config.request_timeout_ms) {
            Ok(ms) if ms > 0 => Duration::from_millis(ms),
            _ => Duration::from_secs(15),
        };
        let roots = if config.tls_roots_path.is_empty() {
            fallback_roots.map(<[u8]>::to_vec)
        } else {
            let path = PathBuf::from(&config.tls_roots_path);
            Some(std::fs::read(&path).map_err(|e| crate::error::CoreError::file(&path, &e))?)
        };
        let api = ApiClient::new(
            &config.server_url,
            timeout,
            RetryPolicy::default(),
            roots.as_deref(),
        )?;
        let db = if config.data_dir.is_empty() {
            Database::open_in_memory(&CLIENT_SCHEMA)?
        } else {
            let path = PathBuf::from(&config.data_dir).join(DATABASE_FILE);
            Database::open(&path, &CLIENT_SCHEMA, Durability::Full)?
        };
        let mut ctx = Context::new(db, api, store)?;
        ctx.file_store = Some(crate::files::store::FileStore::open(&config.data_dir)?);
        ctx.file_limits = crate::files::FileLimits::default()
            .with(config.max_file_bytes, config.max_dossier_bytes);
        ctx.catalogue_file =
            (!config.catalogue_path.is_empty()).then(|| PathBuf::from(&config.catalogue_path));
        ctx.fallback_catalogue = fallback_catalogue;
        ctx.field_log_retention = match config.field_log_retention_days {
            days if days > 0 => chrono::Duration::days(i64::from(days)),
            _ => crate::field::DEFAULT_RETENTION,
        };
        let ctx = Arc::new(ctx);
        // Read the stored session once, here: later calls find it in memory.
        // A secure store that fails now (locked) does not stop the app from
        // opening: the session is asked for again when needed.
        if let Err(e) = crate::account::adopt_stored_session(&ctx) {
            tracing::warn!(kind = e.kind().as_str(), "stored session not read at open");
        }
        Ok(Self { ctx })
    }

    /// The clock every service reads: the phone's time unless a test or a
    /// demo set it.
    pub fn clock(&self) -> &crate::clock::Clock {
        &self.ctx.clock
    }

    /// Tells `listener` every [`crate::events::CoreEvent`] until the
    /// returned handle is cancelled or dropped.
    pub fn subscribe(
        &self,
        listener: Arc<dyn crate::events::CoreListener>,
    ) -> crate::events::Subscription {
        crate::events::subscribe(&self.ctx.events, listener)
    }

    /// Sign-in and session.
    pub fn account(&self) -> AccountService {
        AccountService::new(self.ctx.clone())
    }

    /// The procedure catalogue and search.
    pub fn catalogue(&self) -> CatalogueService {
        CatalogueService::new(self.ctx.clone())
    }

    /// Checklists and draft dossiers.
    pub fn checklists(&self) -> ChecklistService {
        ChecklistService::new(self.ctx.clone())
    }

    /// Appointments.
    pub fn bookings(&self) -> BookingService {
        BookingService::new(self.ctx.clone())
    }

    /// Agent offices.
    pub fn offices(&self) -> OfficeService {
        OfficeService::new(self.ctx.clone())
    }

    /// The account's dossiers.
    pub fn dossiers(&self) -> DossierService {
        DossierService::new(self.ctx.clone())
    }

    /// The files of dossiers: pages and proofs of delivery, read back.
    pub fn files(&self) -> crate::files::FileService {
        crate::files::FileService::new(self.ctx.clone())
    }

    /// Theo dõi: dossier timelines, postal tracking, notifications.
    pub fn tracking(&self) -> crate::tracking::TrackingService {
        crate::tracking::TrackingService::new(self.ctx.clone())
    }

    /// Thu gom và phát tận nhà: field staff work, offline first.
    pub fn field(&self) -> crate::field::FieldService {
        crate::field::FieldService::new(self.ctx.clone())
    }

    /// Office staff's side of home service: status, hand-over to the
    /// post, pickups, item scans.
    pub fn desk(&self) -> crate::field::DeskService {
        crate::field::DeskService::new(self.ctx.clone())
    }

    /// QR dossier codes: show, verify, scan.
    pub fn qr(&self) -> QrService {
        QrService::new(self.ctx.clone())
    }

    /// The apps' screens, ready to draw.
    pub fn screens(&self) -> crate::screen::ScreenService {
        crate::screen::ScreenService::new(self.ctx.clone())
    }

    /// The schema version of the local database.
    pub fn schema_version(&self) -> CoreResult<u32> {
        self.ctx.db.schema_version()
    }

    /// Blocks the calling thread on `fut` using the core's runtime (for the
    /// terminal shell; apps call the async functions instead).
    pub fn block_on<T, F: Future<Output = CoreResult<T>>>(&self, fut: F) -> CoreResult<T> {
        self.ctx.block_on(fut)
    }
}
