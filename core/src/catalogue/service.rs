//! Catalogue calls: search, look up a procedure, refresh from the server.

use std::sync::Arc;

use serde::Serialize;

use super::model::CatalogueData;
use super::model::Procedure;
use super::search::{SearchFilter, SearchHit, SearchIndex};
use super::state::CatalogueState;
use super::store;
use super::validate::parse_catalogue;
use crate::api::Conditional;
use crate::context::Context;
use crate::error::{CoreError, CoreResult};

/// What a refresh did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CatalogueUpdate {
    /// The version in use after the refresh.
    pub version: String,
    /// True when a new version was installed.
    pub changed: bool,
}

/// The size of the catalogue in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CatalogueStats {
    /// Procedures in the catalogue.
    pub procedures: i32,
    /// Procedures with a checklist of documents.
    pub detailed: i32,
    /// The catalogue version.
    pub version: String,
}

/// Tra cứu thủ tục: search the catalogue and read procedures.
#[derive(Clone)]
pub struct CatalogueService {
    ctx: Arc<Context>,
}

impl CatalogueService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// The best `limit` procedures for `query`, best first. Works offline.
    pub fn search(&self, query: &str, limit: u32) -> CoreResult<Vec<SearchHit>> {
        self.search_with(query, &SearchFilter::default(), limit)
    }

    /// The best `limit` procedures for `query` that pass `filter` (target
    /// group, field). Works offline.
    pub fn search_with(
        &self,
        query: &str,
        filter: &SearchFilter,
        limit: u32,
    ) -> CoreResult<Vec<SearchHit>> {
        Ok(self
            .ctx
            .catalogue()?
            .index
            .search_with(query, filter, limit as usize))
    }

    /// How many procedures, how many with a checklist, and the version.
    pub fn stats(&self) -> CoreResult<CatalogueStats> {
        let state = self.ctx.catalogue()?;
        let procedures = &state.data.procedures;
        Ok(CatalogueStats {
            procedures: crate::count::of(procedures.len()),
            detailed: crate::count::of(
                procedures
                    .iter()
                    .filter(|p| !p.documents.is_empty())
                    .count(),
            ),
            version: state.data.version.clone(),
        })
    }

    /// The procedure with `code`.
    pub fn procedure(&self, code: &str) -> CoreResult<Procedure> {
        Ok(self.ctx.catalogue()?.procedure(code)?.clone())
    }

    /// The catalogue version in use.
    pub fn version(&self) -> CoreResult<String> {
        Ok(self.ctx.catalogue()?.data.version.clone())
    }

    /// Asks the server for a newer catalogue (sending the ETag of ours); a
    /// new, valid one is stored and swapped in at once; a malformed or
    /// unknown one is refused and ours stays.
    pub async fn refresh(&self) -> CoreResult<CatalogueUpdate> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let current = ctx.catalogue()?;
                let answer = ctx
                    .api
                    .get_text_conditional("/v1/catalogue", current.etag.as_deref())
                    .await?;
                let Conditional::Modified { body, etag } = answer else {
                    return Ok(CatalogueUpdate {
                        version: current.data.version.clone(),
                        changed: false,
                    });
                };
                let data = parse_catalogue(&body)?;
                let changed = data.version != current.data.version;
                let version = data.version.clone();
                let (stored, tag, now) = (version.clone(), etag.clone(), ctx.now());
                ctx.write_off_thread(move |tx| {
                    store::install(tx, &stored, &body, tag.as_deref(), now)
                })
                .await?;
                ctx.set_catalogue(Arc::new(CatalogueState::new(data, etag)));
                Ok(CatalogueUpdate { version, changed })
            })
            .await
    }
}

/// Loads the catalogue in force: the installed one, else the one the app
/// ships (the file at `CoreConfig::catalogue_path`), else the one a Rust
/// host opened the core with.
pub(crate) fn load(ctx: &Context) -> CoreResult<CatalogueState> {
    if let Some((json, etag)) = ctx.db.read(store::installed)? {
        match parse_catalogue(&json) {
            Ok(data) => return Ok(indexed(ctx, &json, data, etag)),
            Err(e) => {
                tracing::error!(error = %e, "installed catalogue unreadable; using the bundled one")
            }
        }
    }
    let shipped = match &ctx.catalogue_file {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| CoreError::file(path, &e))?;
            super::shipped::text(bytes)?
        }
        None => ctx.fallback_catalogue.ok_or_else(no_catalogue)?.to_owned(),
    };
    let data = parse_catalogue(&shipped)?;
    Ok(indexed(ctx, &shipped, data, None))
}

/// `data` with its search index: the one stored for this very catalogue
/// when there is one, else built and stored for the next start (a failure
/// to store only costs the next start the build).
fn indexed(ctx: &Context, json: &str, data: CatalogueData, etag: Option<String>) -> CatalogueState {
    let key = store::index_key(&data.version, json);
    let stored = ctx.db.read(|c| store::search_index(c, &key)).ok().flatten();
    if let Some(index) = stored.and_then(|bytes| SearchIndex::from_bytes(&data, &bytes)) {
        return CatalogueState::with_index(data, etag, index);
    }
    let index = SearchIndex::build(&data);
    let bytes = index.to_bytes();
    if let Err(e) = ctx
        .db
        .write(|tx| store::save_search_index(tx, &key, &bytes))
    {
        tracing::warn!(error = %e, "search index not stored; it is built again next start");
    }
    CatalogueState::with_index(data, etag, index)
}

fn no_catalogue() -> CoreError {
    CoreError::not_found(
        "Chưa có danh mục thủ tục trên máy: ứng dụng thiếu tệp danh mục kèm theo.",
        "No procedure catalogue on this device: the app did not ship its catalogue file.",
    )
}
