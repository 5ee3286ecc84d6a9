//! Field work, for the field staff's worklist and door screens: every
//! action is recorded on the device first and sent later.

use dvc_core::CoreError;
use dvc_core::field::FieldService;
use dvc_core::field::chain::ChainBreak;
use dvc_core::field::view::{
    ActionReceipt, DeliverInput, FailInput, PickupInput, SyncReport, WorklistView,
};
use dvc_core::field::wedge::WedgedEntry;

/// Thu gom và phát tận nhà: the day's worklist, pickups, deliveries and
/// failed attempts offline, and the sync.
#[derive(uniffi::Object)]
pub struct Field {
    inner: FieldService,
}

impl Field {
    pub(crate) fn new(inner: FieldService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Field {
    /// Fetches the signed-in staff member's worklist (and the QR keyring
    /// for offline checks) and keeps it for the day.
    pub async fn refresh_worklist(&self) -> Result<WorklistView, CoreError> {
        self.inner.refresh_worklist().await
    }

    /// The stored worklist in route order, with what this device did
    /// (works offline).
    pub fn worklist(&self) -> Result<WorklistView, CoreError> {
        self.inner.worklist()
    }

    /// Records a pickup at the door (QR checked offline, checklist run).
    /// Offline.
    pub fn pickup(&self, input: PickupInput) -> Result<ActionReceipt, CoreError> {
        self.inner.pickup(input)
    }

    /// Records a delivery with its proof. Offline.
    pub fn deliver(&self, input: DeliverInput) -> Result<ActionReceipt, CoreError> {
        self.inner.deliver(input)
    }

    /// Records a failed attempt. Offline.
    pub fn fail(&self, input: FailInput) -> Result<ActionReceipt, CoreError> {
        self.inner.fail(input)
    }

    /// Actions recorded and not yet sent.
    pub fn pending(&self) -> Result<i32, CoreError> {
        self.inner.pending()
    }

    /// Actions the server turned down, oldest first, with why and what to
    /// do; each stays until retried or set aside.
    pub fn wedged(&self) -> Result<Vec<WedgedEntry>, CoreError> {
        self.inner.wedged()
    }

    /// Sends turned-down action `seq` again (after the office fixed the
    /// cause) as a new entry; the old one stays in the log. Offline.
    pub fn retry_wedged(&self, seq: i64) -> Result<ActionReceipt, CoreError> {
        self.inner.retry_wedged(seq)
    }

    /// Sets turned-down action `seq` aside with a reason, kept in the log
    /// for the audit.
    pub fn set_aside(&self, seq: i64, reason: String) -> Result<(), CoreError> {
        self.inner.set_aside(seq, &reason)
    }

    /// Checks this device's own log (nothing altered or missing); the
    /// first break found, if any.
    pub fn verify_log(&self) -> Result<Option<ChainBreak>, CoreError> {
        self.inner.verify_log()
    }

    /// Brings back the action log (unsent actions included) of a damaged
    /// database file this device moved aside (`….corrupt-…`).
    pub fn recover(
        &self,
        damaged_file: String,
    ) -> Result<dvc_core::field::salvage::Salvaged, CoreError> {
        self.inner.recover(&damaged_file)
    }

    /// Sends the recorded actions in batches of the default size.
    pub async fn sync(&self) -> Result<SyncReport, CoreError> {
        self.inner.sync().await
    }

    /// Sends the recorded actions, `batch` entries per request.
    pub async fn sync_with(&self, batch: i32) -> Result<SyncReport, CoreError> {
        self.inner.sync_with(crate::numbers::count_in(batch)).await
    }
}
