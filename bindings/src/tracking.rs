//! Dossier tracking, for the tracking screen and the phone's
//! notifications (citizens; the lookup needs no account).

use dvc_core::CoreError;
use dvc_core::catalogue::profile::Beneficiary;
use dvc_core::tracking::notify::Notification;
use dvc_core::tracking::view::TrackView;
use dvc_core::tracking::{DeliveryQuote, TrackingService};

/// Theo dõi: a dossier's status and postal timeline, notifications, the
/// home-delivery fee.
#[derive(uniffi::Object)]
pub struct Tracking {
    inner: TrackingService,
}

impl Tracking {
    pub(crate) fn new(inner: TrackingService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Tracking {
    /// Refreshes the dossier with code (or result item number) `key` and
    /// returns its screen; out of reach, the stored copy marked `stale`.
    pub async fn track(&self, key: String) -> Result<TrackView, CoreError> {
        self.inner.track(key).await
    }

    /// The stored screen of `key` (dossier id, code or item), offline.
    pub fn cached(&self, key: String) -> Result<Option<TrackView>, CoreError> {
        self.inner.cached(&key)
    }

    /// Refreshes every tracked dossier (a background fetch); returns how
    /// many new notifications that produced.
    pub async fn refresh_all(&self) -> Result<i32, CoreError> {
        self.inner
            .refresh_all()
            .await
            .map(crate::numbers::count_out)
    }

    /// Notifications to show, oldest first, each with its deep link
    /// (`dvc://dossier/<code>`); each appears until marked shown.
    pub fn pending_notifications(&self) -> Result<Vec<Notification>, CoreError> {
        self.inner.pending_notifications()
    }

    /// Marks notifications shown, by their ids.
    pub fn mark_shown(&self, ids: Vec<i64>) -> Result<(), CoreError> {
        self.inner.mark_shown(ids)
    }

    /// The home-delivery fee for a household of `beneficiary`.
    pub async fn delivery_quote(
        &self,
        beneficiary: Beneficiary,
    ) -> Result<DeliveryQuote, CoreError> {
        self.inner.delivery_quote(beneficiary).await
    }
}
