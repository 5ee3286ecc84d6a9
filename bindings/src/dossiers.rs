//! The account's dossiers, for the dossier list screen.

use dvc_core::CoreError;
use dvc_core::api::model::Dossier;
use dvc_core::dossier::DossierService;

/// Hồ sơ: file a dossier, refresh the list, read it offline.
#[derive(uniffi::Object)]
pub struct Dossiers {
    inner: DossierService,
}

impl Dossiers {
    pub(crate) fn new(inner: DossierService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Dossiers {
    /// Files a dossier for `procedure_code` at `office_id` (safe to retry).
    pub async fn create(
        &self,
        procedure_code: String,
        office_id: String,
    ) -> Result<Dossier, CoreError> {
        self.inner.create(procedure_code, office_id).await
    }

    /// Files a draft: its pages are uploaded first (resumable), then the
    /// server assigns the dossier code and signs its QR. Queued first:
    /// safe to retry, even after a restart: it is filed once.
    pub async fn submit(&self, draft_id: String) -> Result<Dossier, CoreError> {
        self.inner.submit(draft_id).await
    }

    /// Files the drafts waiting in the queue (call when the network is
    /// back); gives those filed.
    pub async fn send_pending(&self) -> Result<Vec<Dossier>, CoreError> {
        self.inner.send_pending().await
    }

    /// Drafts waiting to be filed, or turned down and why (offline).
    pub fn pending_filings(&self) -> Result<Vec<dvc_core::dossier::PendingFiling>, CoreError> {
        self.inner.pending_filings()
    }

    /// Withdraws a dossier not yet in process; its QR codes are revoked.
    pub async fn withdraw(&self, id: String) -> Result<Dossier, CoreError> {
        self.inner.withdraw(id).await
    }

    /// A cached dossier by server id or dossier code (works offline).
    pub fn cached_one(&self, id: String) -> Result<Option<Dossier>, CoreError> {
        self.inner.cached_one(&id)
    }

    /// Asks for a home pickup of the citizen's papers (a pickup visit on a
    /// field worklist of the office, next working day).
    pub async fn request_pickup(
        &self,
        request: dvc_core::field::model::PickupRequest,
    ) -> Result<dvc_core::field::model::PickupBooked, CoreError> {
        self.inner.request_pickup(request).await
    }

    /// Fetches the list from the server and caches it.
    pub async fn refresh(&self) -> Result<Vec<Dossier>, CoreError> {
        self.inner.refresh().await
    }

    /// One dossier from the server, by server id or dossier code.
    pub async fn get(&self, id: String) -> Result<Dossier, CoreError> {
        self.inner.get(id).await
    }

    /// The cached list, newest first (works offline).
    pub fn cached(&self) -> Result<Vec<Dossier>, CoreError> {
        self.inner.cached()
    }
}
