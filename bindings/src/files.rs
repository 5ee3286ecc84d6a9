//! The files of a dossier, for the dossier screen and the clerk's view.

use dvc_core::CoreError;
use dvc_core::files::{DossierFiles, FileService};

/// Tệp của hồ sơ: list a dossier's pages and proofs, fetch one.
#[derive(uniffi::Object)]
pub struct Files {
    inner: FileService,
}

impl Files {
    pub(crate) fn new(inner: FileService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Files {
    /// The files of a dossier the account may see (owner: all; counter
    /// staff of its office: all; field staff: proofs of pickup/delivery).
    pub async fn list(&self, dossier: String) -> Result<DossierFiles, CoreError> {
        self.inner.list(dossier).await
    }

    /// Writes one file (by SHA-256) to `out_path`, checked against its
    /// hash before it appears there; gives its size.
    pub async fn save(
        &self,
        dossier: String,
        sha256: String,
        out_path: String,
    ) -> Result<i64, CoreError> {
        self.inner.save(dossier, sha256, out_path).await
    }
}
