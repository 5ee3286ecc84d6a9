//! What every service shares: the database, the API client, the secure
//! store, and the tokio runtime the core owns.

use std::future::Future;
use std::sync::{Arc, RwLock};

use crate::api::ApiClient;
use crate::catalogue::state::CatalogueState;
use crate::error::{CoreError, CoreResult};
use crate::platform::SecureStore;
use crate::storage::Database;

/// Shared internals of a [`crate::Core`].
pub(crate) struct Context {
    pub db: Database,
    pub api: ApiClient,
    pub store: Arc<dyn SecureStore>,
    /// The catalogue in use, loaded on first use.
    catalogue: RwLock<Option<Arc<CatalogueState>>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Context {
    pub fn new(db: Database, api: ApiClient, store: Arc<dyn SecureStore>) -> CoreResult<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("dvc-core")
            .enable_all()
            .build()
            .map_err(CoreError::internal)?;
        Ok(Self {
            db,
            api,
            store,
            catalogue: RwLock::new(None),
            runtime: Some(runtime),
        })
    }

    /// Runs `fut` on the core's runtime and awaits it from any executor
    /// (Kotlin coroutines, Swift tasks, another tokio runtime, a plain thread).
    pub async fn spawn<T, F>(&self, fut: F) -> CoreResult<T>
    where
        T: Send + 'static,
        F: Future<Output = CoreResult<T>> + Send + 'static,
    {
        let Some(runtime) = self.runtime.as_ref() else {
            return Err(CoreError::internal("runtime stopped"));
        };
        runtime.spawn(fut).await.map_err(CoreError::internal)?
    }

    /// Blocks the calling thread on `fut` (terminal shell, benchmarks).
    pub fn block_on<T, F: Future<Output = CoreResult<T>>>(&self, fut: F) -> CoreResult<T> {
        match self.runtime.as_ref() {
            Some(rt) => rt.block_on(fut),
            None => Err(CoreError::internal("runtime stopped")),
        }
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

    /// Deletes data cached for the signed-in account (on sign-out or when
    /// another account signs in on this device).
    pub fn forget_account_data(&self) -> CoreResult<()> {
        self.db.write(|tx| {
            tx.execute("DELETE FROM dossier", [])?;
            tx.execute("DELETE FROM booking", [])?;
            Ok(())
        })
    }
}

impl Drop for Context {
    fn drop(&mut self) {
        // Dropping a runtime inside another async context would panic;
        // shutting it down in the background never does.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}
