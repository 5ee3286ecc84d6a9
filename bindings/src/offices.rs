//! Agent offices, for the office list screen.

use dvc_core::CoreError;
use dvc_core::api::model::Office;
use dvc_core::office::OfficeService;

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
}
