//! QR dossier codes for the "my code" screen (citizen) and the scanner
//! screen (clerk, field staff).

use dvc_core::CoreError;
use dvc_core::qr::QrService;
use dvc_core::qr::keyring::TrustedKey;
use dvc_core::qr::view::{QrImage, Scan, Verification};

/// Mã QR hồ sơ: show, verify offline, scan.
#[derive(uniffi::Object)]
pub struct Qr {
    inner: QrService,
}

impl Qr {
    pub(crate) fn new(inner: QrService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Qr {
    /// The signed code of a submitted dossier (id or dossier code), from the
    /// cache: shows offline. PNG and SVG included.
    pub fn dossier_code(&self, id: String) -> Result<QrImage, CoreError> {
        self.inner.dossier_code(&id)
    }

    /// A draft's unsigned code: pre-fills only, captioned as unverified.
    pub fn draft_code(&self, draft_id: String) -> Result<QrImage, CoreError> {
        self.inner.draft_code(&draft_id)
    }

    /// Verifies a scanned payload offline with the cached keyring; every
    /// problem comes back as a typed result, never an exception.
    pub fn verify(&self, payload: String) -> Verification {
        self.inner.verify(&payload)
    }

    /// How old the cached keys may be, in seconds, before a check is
    /// marked stale (default 24 hours).
    pub fn set_max_keyring_age_secs(&self, secs: i64) {
        self.inner
            .set_max_keyring_age_secs(crate::numbers::duration_in(secs));
    }

    /// Verifies offline, then fetches the dossier (server, else cache).
    pub async fn scan(&self, payload: String) -> Scan {
        self.inner.scan(payload).await
    }

    /// Fetches the trusted keys and revocations (keeps the cache offline).
    pub async fn refresh_keys(&self) -> Result<Vec<TrustedKey>, CoreError> {
        self.inner.refresh_keys().await
    }

    /// The trusted keys cached on this device.
    pub fn keys(&self) -> Result<Vec<TrustedKey>, CoreError> {
        self.inner.keys()
    }

    /// True when the cached keyring is missing or older than the given hours.
    pub fn keys_stale(&self, max_age_hours: i32) -> Result<bool, CoreError> {
        self.inner
            .keys_stale(crate::numbers::count_in(max_age_hours))
    }
}
