//! The catalogue in use: its data, its search index, and its ETag.

use std::collections::HashMap;

use super::model::{CatalogueData, Procedure};
use super::search::SearchIndex;
use crate::error::{CoreError, CoreResult};

/// A loaded catalogue version, ready to search; shared behind `Arc`.
pub struct CatalogueState {
    /// The data.
    pub data: CatalogueData,
    /// The search index over it.
    pub index: SearchIndex,
    /// The server's ETag of this version (None for the bundled copy).
    pub etag: Option<String>,
    by_code: HashMap<String, usize>,
}

impl CatalogueState {
    /// Indexes `data`.
    pub fn new(data: CatalogueData, etag: Option<String>) -> Self {
        let index = SearchIndex::build(&data);
        Self::with_index(data, etag, index)
    }

    /// `data` with an index already made for it.
    pub fn with_index(data: CatalogueData, etag: Option<String>, index: SearchIndex) -> Self {
        let by_code = data
            .procedures
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.clone(), i))
            .collect();
        Self {
            data,
            index,
            etag,
            by_code,
        }
    }

    /// The procedure with `code`, or a not-found error naming it.
    pub fn procedure(&self, code: &str) -> CoreResult<&Procedure> {
        self.by_code
            .get(code.trim())
            .and_then(|&i| self.data.procedures.get(i))
            .ok_or_else(|| {
                CoreError::not_found(
                    format!("Không có thủ tục mã «{code}» trong danh mục."),
                    format!("No procedure with code “{code}” in the catalogue."),
                )
            })
    }
}
