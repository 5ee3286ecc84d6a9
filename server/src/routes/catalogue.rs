//! `GET /v1/catalogue`: the current procedure catalogue, with an ETag so a
//! phone that has it already gets `304 Not Modified`.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use super::etag;
use crate::state::AppState;

/// Serves the catalogue JSON, or 304 when `If-None-Match` names its ETag.
pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let doc = &state.catalogue;
    etag::respond(&headers, &doc.etag, doc.json.clone())
}
