//! What every service shares: the database, the API client, the secure
//! store, and the tokio runtime the core owns: a current-thread runtime
//! driven by a background thread of its own (the multi-thread scheduler
//! would add to the shipped library for no gain on a phone).

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};

use crate::api::ApiClient;
use crate::catalogue::state::CatalogueState;
use crate::error::{CoreError, CoreResult};
use crate::platform::SecureStore;
use crate::storage::Database;

/// The one task type spawned on the core's runtime.
type ErasedTask = Pin<Box<dyn Future<Output = Box<dyn Any + Send>> + Send>>;

/// The one closure type handed to the blocking pool.
type ErasedWork = Box<dyn FnOnce() -> Box<dyn Any + Send> + Send>;

/// Shared internals of a [`crate::Core`].
pub(crate) struct Context {
    pub db: Arc<Database>,
    pub api: ApiClient,
    pub store: Arc<dyn SecureStore>,
    /// The catalogue in use, loaded on first use.
    catalogue: RwLock<Option<Arc<CatalogueState>>>,
    /// How old cached QR keys may be before checks are marked stale.
    pub keyring_max_age_secs: std::sync::atomic::AtomicU64,
    /// The stored session grant once read (`None` until then): the secure
    /// store is not asked again on every call.
    pub session: std::sync::Mutex<Option<Option<crate::api::model::TokenGrant>>>,
    /// The app's listeners.
    pub events: Arc<crate::events::Hub>,
    /// The catalogue file the app ships, if it gave one.
    pub catalogue_file: Option<std::path::PathBuf>,
    /// The catalogue of last resort a Rust host opened the core with.
    pub fallback_catalogue: Option<&'static str>,
    /// The time every service reads (settable by tests).
    pub clock: crate::clock::Clock,
    /// How long acknowledged field-log entries stay on the phone.
    pub field_log_retention: chrono::Duration,
    /// Pages and proofs stored on the phone (set at open).
    pub file_store: Option<crate::files::store::FileStore>,
    /// How large files may be.
    pub file_limits: crate::files::FileLimits,
    /// Spawns onto the runtime, and lends it to [`Context::block_on`].
    runtime: tokio::runtime::Handle,
    /// Dropped with the context, which lets the runtime's thread finish:
    /// it then drops the runtime, cancelling the tasks still pending.
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Context {
    pub fn new(db: Database, api: ApiClient, store: Arc<dyn SecureStore>) -> CoreResult<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .thread_name("dvc-core")
            .enable_all()
            .build()
            .map_err(CoreError::internal)?;
        let handle = runtime.handle().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        // Only `Runtime::block_on` drives the I/O and timer drivers of a
        // current-thread runtime, so this thread stays inside it for the
        // life of the context, running every spawned task.
        std::thread::Builder::new()
            .name("dvc-core".into())
            .spawn(move || {
                runtime.block_on(async {
                    // Err once the sender is dropped: the context is gone.
                    let _ = stopped.await;
                });
                runtime.shutdown_background();
            })
            .map_err(CoreError::internal)?;
        Ok(Self {
            events: api.events.clone(),
            db: Arc::new(db),
            api,
            store,
            catalogue: RwLock::new(None),
            keyring_max_age_secs: std::sync::atomic::AtomicU64::new(
                crate::qr::KEYRING_MAX_AGE_SECS,
            ),
            session: std::sync::Mutex::new(None),
            catalogue_file: None,
            fallback_catalogue: None,
            clock: crate::clock::Clock::default(),
            field_log_retention: crate::field::DEFAULT_RETENTION,
            file_store: None,
            file_limits: crate::files::FileLimits::default(),
            runtime: handle,
            _stop: stop,
        })
    }

    /// The phone's file store.
    pub fn files(&self) -> CoreResult<&crate::files::store::FileStore> {
        self.file_store
            .as_ref()
            .ok_or_else(|| CoreError::internal("the file store was not opened"))
    }

    /// Now, by the core's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Runs `fut` on the core's runtime and awaits it from any executor
    /// (Kotlin coroutines, Swift tasks, another tokio runtime, a plain thread).
    ///
    /// Every call spawns the same task type (a boxed future with a boxed
    /// answer): tokio's task machinery is then compiled once instead of once
    /// per service method, which keeps the shipped library smaller.
    ///
    /// Dropping the returned future (a cancelled Kotlin coroutine, a Rust
    /// caller's timeout) aborts the task at its next await: an HTTP request
    /// under way is closed. Work already handed to the blocking pool (a
    /// SQLite transaction, a secure-store call) still runs to its end, so
    /// nothing is left half written.
    pub async fn spawn<T, F>(&self, fut: F) -> CoreResult<T>
    where
        T: Send + 'static,
        F: Future<Output = CoreResult<T>> + Send + 'static,
    {
        let task: ErasedTask = Box::pin(async move { Box::new(fut.await) as Box<dyn Any + Send> });
        let mut handle = AbortOnDrop(self.runtime.spawn(task));
        let answer = (&mut handle.0).await.map_err(CoreError::internal)?;
        match answer.downcast::<CoreResult<T>>() {
            Ok(result) => *result,
            Err(_) => Err(CoreError::internal("a task answered with another type")),
        }
    }

    /// Runs blocking work (the platform's secure store, SQLite writes, files)
    /// on the runtime's blocking pool, not on its one thread: a slow
    /// Keychain or Keystore call then never holds up other calls.
    ///
    /// Like [`Context::spawn`], every call hands the pool the same type (a
    /// boxed closure with a boxed answer), so tokio's blocking-task code is
    /// compiled once, not once per caller.
    pub async fn blocking<T: Send + 'static>(
        work: impl FnOnce() -> CoreResult<T> + Send + 'static,
    ) -> CoreResult<T> {
        let work: ErasedWork = Box::new(move || Box::new(work()) as Box<dyn Any + Send>);
        let answer = tokio::task::spawn_blocking(work)
            .await
            .map_err(CoreError::internal)?;
        match answer.downcast::<CoreResult<T>>() {
            Ok(result) => *result,
            Err(_) => Err(CoreError::internal(
                "blocking work answered with another type",
            )),
        }
    }

    /// Runs the write transaction `f` on the blocking pool, off the core's
    /// one runtime thread: a sync's acknowledgements, a catalogue install.
    pub async fn write_off_thread<T: Send + 'static>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> CoreResult<T> + Send + 'static,
    ) -> CoreResult<T> {
        let db = self.db.clone();
        Self::blocking(move || db.write(f)).await
    }

    /// Blocks the calling thread on `fut` (terminal shell, benchmarks).
    /// `fut` runs on the calling thread, inside the runtime's context; the
    /// runtime's own thread drives its I/O and timers meanwhile.
    pub fn block_on<T, F: Future<Output = CoreResult<T>>>(&self, fut: F) -> CoreResult<T> {
        self.runtime.block_on(fut)
    }

    /// The catalogue in use (loaded from storage, or the bundled copy, on
    /// first use).
    pub fn catalogue(&self) -> CoreResult<Arc<CatalogueState>> {
        if let Some(state) = self
            .catalogue
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            return Ok(state.clone());
        }
        let loaded = Arc::new(crate::catalogue::load(self)?);
        let mut slot = self.catalogue.write().unwrap_or_else(|p| p.into_inner());
        Ok(slot.get_or_insert(loaded).clone())
    }

    /// Swaps in a new catalogue version (already stored).
    pub fn set_catalogue(&self, state: Arc<CatalogueState>) {
        *self.catalogue.write().unwrap_or_else(|p| p.into_inner()) = Some(state);
    }
}

/// A spawned task that is aborted when its awaiting caller goes away.
struct AbortOnDrop(tokio::task::JoinHandle<Box<dyn Any + Send>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        // A no-op once the task has finished.
        self.0.abort();
    }
}
