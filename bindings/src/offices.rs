//! Agent offices, for the office list screen.

use dvc_core::CoreError;
use dvc_core::api::model::Office;
use dvc_core::office::{NearbyOffice, OfficeService};

/// Đại lý: the agent offices.
#[derive(uniffi::Object)]
pub struct Offices {
    inner: OfficeService,
}

impl Offices {
    pub(crate) fn new(inner: OfficeService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Offices {
    /// All offices (no sign-in needed).
    pub async fn list(&self) -> Result<Vec<Office>, CoreError> {
        self.inner.list().await
    }

    /// The offices nearest to a position, nearest first.
    pub async fn nearest(
        &self,
        latitude: f64,
        longitude: f64,
        limit: i32,
    ) -> Result<Vec<NearbyOffice>, CoreError> {
        let limit = crate::numbers::count_in(limit);
        self.inner.nearest(latitude, longitude, limit).await
    }

    /// Offices whose name, address or ward matches (diacritics optional).
    pub async fn search(&self, text: String) -> Result<Vec<Office>, CoreError> {
        self.inner.search(text).await
    }

    /// The offices kept on this device (works offline).
    pub fn cached(&self) -> Result<Vec<Office>, CoreError> {
        self.inner.cached()
    }
}
