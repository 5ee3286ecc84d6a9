//! # dvc-server
//!
//! The reference backend for the DVC mobile core: accounts (citizens by
//! phone + one-time code, staff by password), agent offices and dossiers,
//! as JSON over HTTP on SQLite. It runs as the `dvc-server` binary, or
//! embedded in-process (the terminal shell `dvc` and the tests do that).

pub mod auth;
pub mod bookings;
pub mod clock;
pub mod closed_stdout;
pub mod credentials;
pub mod dossiers;
pub mod edge;
pub mod error;
pub mod faults;
pub mod field_sync;
pub mod files;
pub mod holidays;
pub mod idempotency;
pub mod offices;
pub mod routes;
pub mod schema;
pub mod state;
pub mod tracks;
pub mod visits;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use dvc_core::storage::{Database, Durability};
use dvc_core::{CoreError, CoreResult};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::auth::otp::OtpSender;
use crate::schema::SERVER_SCHEMA;
pub use crate::state::{AppState, Settings};

/// Where the server keeps its data and which offices it serves.
#[derive(Clone)]
pub struct ServerConfig {
    /// SQLite file; `None` keeps everything in memory.
    pub db_path: Option<PathBuf>,
    /// Office list JSON (`None`: the bundled sample list).
    pub offices_json: Option<String>,
    /// Procedure catalogue JSON (`None`: the catalogue bundled with the core).
    pub catalogue_json: Option<String>,
    /// Sends one-time codes.
    pub otp_sender: Arc<dyn OtpSender>,
    /// Timings and limits.
    pub settings: Settings,
    /// The time the server goes by (clones share it): tests and the CLI's
    /// `DVC_NOW` set it before the start, so no answer depends on today.
    pub clock: clock::Clock,
    /// Folder of uploaded files; `None`: beside the database file
    /// (`<db>.files`), or in memory when the database is.
    pub files_dir: Option<PathBuf>,
}

impl ServerConfig {
    /// A configuration with the bundled offices and default settings.
    pub fn new(db_path: Option<PathBuf>, otp_sender: Arc<dyn OtpSender>) -> Self {
        Self {
            db_path,
            offices_json: None,
            catalogue_json: None,
            otp_sender,
            settings: Settings::default(),
            clock: clock::Clock::default(),
            files_dir: None,
        }
    }

    /// Where uploaded files are kept, if on disk.
    pub fn files_folder(&self) -> Option<PathBuf> {
        self.files_dir.clone().or_else(|| {
            self.db_path.as_ref().map(|p| {
                let mut name = p.as_os_str().to_owned();
                name.push(".files");
                PathBuf::from(name)
            })
        })
    }
}

/// Opens (creating and migrating) the database and loads the offices.
pub fn open_database(config: &ServerConfig) -> CoreResult<Database> {
    let db = match &config.db_path {
        Some(path) => Database::open(path, &SERVER_SCHEMA, Durability::Full)?,
        None => Database::open_in_memory(&SERVER_SCHEMA)?,
    };
    let json = config.offices_json.as_deref().unwrap_or(offices::BUNDLED);
    offices::load(&db, &offices::parse(json)?)?;
    credentials::ensure_key(&db, config.clock.now())?;
    Ok(db)
}

/// Builds the shared state for `config`.
pub fn state(config: &ServerConfig) -> CoreResult<AppState> {
    let db = open_database(config)?;
    let calendar = dvc_core::calendar::WorkingCalendar::new(holidays::calendar(&db)?);
    let blobs: Arc<dyn files::BlobStore> = match config.files_folder() {
        Some(dir) => {
            Arc::new(files::disk::DiskBlobs::open(&dir).map_err(|e| CoreError::file(&dir, &e))?)
        }
        None => Arc::new(files::memory::MemoryBlobs::default()),
    };
    Ok(AppState {
        blobs,
        db: Arc::new(db),
        working_calendar: Arc::new(std::sync::RwLock::new(Arc::new(calendar))),
        otp_sender: config.otp_sender.clone(),
        settings: Arc::new(config.settings.clone()),
        clock: config.clock.clone(),
        counters: Arc::new(state::Counters::new(&config.settings.rates)),
        catalogue: Arc::new(state::CatalogueDoc::new(
            config
                .catalogue_json
                .clone()
                .unwrap_or_else(|| dvc_core::catalogue::BUNDLED_JSON.to_owned()),
        )?),
    })
}

/// Serves `state` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let edge = state.settings.edge.clone();
    tokio::spawn(sweep_files_hourly(state.clone()));
    edge::listen::serve(listener, routes::router(state), &edge, shutdown).await
}

/// Runs the files' retention rule once an hour (the first pass at start).
async fn sweep_files_hourly(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let (blobs, settings, now) = (state.blobs.clone(), state.settings.files, state.clock.now());
        let swept = state
            .blocking(move |db| Ok(files::retention::sweep(db, blobs.as_ref(), &settings, now)?))
            .await;
        match swept {
            Ok(s) if s != files::retention::Swept::default() => {
                tracing::info!(
                    links = s.links,
                    uploads = s.uploads,
                    files = s.files,
                    "files swept"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "file retention pass"),
        }
    }
}

/// A server running on a background thread of its own; stops when dropped.
pub struct RunningServer {
    url: String,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningServer {
    /// Starts a server for `config` on a free loopback port.
    pub fn start(config: &ServerConfig) -> CoreResult<Self> {
        let state = state(config)?;
        let std_listener = std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .map_err(CoreError::internal)?;
        std_listener
            .set_nonblocking(true)
            .map_err(CoreError::internal)?;
        let addr = std_listener.local_addr().map_err(CoreError::internal)?;
        let (stop, stopped) = oneshot::channel::<()>();
        let served = state.clone();
        let thread = std::thread::Builder::new()
            .name("dvc-server".to_owned())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => return tracing::error!(error = %e, "embedded server runtime"),
                };
                runtime.block_on(async move {
                    let listener = match TcpListener::from_std(std_listener) {
                        Ok(l) => l,
                        Err(e) => return tracing::error!(error = %e, "embedded server listener"),
                    };
                    if let Err(e) = serve(listener, served, async move {
                        let _ = stopped.await;
                    })
                    .await
                    {
                        tracing::error!(error = %e, "embedded server stopped");
                    }
                });
            })
            .map_err(CoreError::internal)?;
        Ok(Self {
            url: format!("http://{addr}"),
            state,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The server's state (its database), for set-up in tests and the shell.
    pub fn state(&self) -> &AppState {
        &self.state
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
