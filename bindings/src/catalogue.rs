//! The procedure catalogue, for the search screen.

use dvc_core::CoreError;
use dvc_core::catalogue::search::SearchHit;
use dvc_core::catalogue::{CatalogueService, CatalogueUpdate};

/// Tra cứu thủ tục: search procedures (works offline), refresh the catalogue.
#[derive(uniffi::Object)]
pub struct Catalogue {
    inner: CatalogueService,
}

impl Catalogue {
    pub(crate) fn new(inner: CatalogueService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Catalogue {
    /// The best `limit` procedures for what the person typed, best first.
    pub fn search(&self, query: String, limit: i32) -> Result<Vec<SearchHit>, CoreError> {
        self.inner.search(&query, crate::numbers::count_in(limit))
    }

    /// The catalogue version in use.
    pub fn version(&self) -> Result<String, CoreError> {
        self.inner.version()
    }

    /// Fetches a newer catalogue from the server if there is one.
    pub async fn refresh(&self) -> Result<CatalogueUpdate, CoreError> {
        self.inner.refresh().await
    }
}
