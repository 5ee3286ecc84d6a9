//! What every service shares: the database, the API client, the secure
//! store, and the tokio runtime the core owns.

use std::future::Future;
use std::sync::Arc;

use crate::api::ApiClient;
use crate::error::{CoreError, CoreResult};
use crate::platform::SecureStore;
use crate::storage::Database;

/// Shared internals of a [`crate::Core`].
pub(crate) struct Context {
    pub db: Database,
    pub api: ApiClient,
    pub store: Arc<dyn SecureStore>,
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

    /// Deletes data cached for the signed-in account (on sign-out or when
    /// another account signs in on this device).
    pub fn forget_account_data(&self) -> CoreResult<()> {
        self.db.write(|tx| {
            tx.execute("DELETE FROM dossier", [])?;
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
