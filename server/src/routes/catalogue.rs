//! `GET /v1/catalogue`: the current procedure catalogue, with an ETag so a
//! phone that has it already gets `304 Not Modified`.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// Serves the catalogue JSON, or 304 when `If-None-Match` names its ETag.
pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let doc = &state.catalogue;
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == doc.etag || tag.trim() == "*")
        });
    let etag = HeaderValue::from_str(&doc.etag).unwrap_or(HeaderValue::from_static("\"0\""));
    if matches {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    (
        StatusCode::OK,
        [
            (header::ETAG, etag),
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        doc.json.clone(),
    )
        .into_response()
}
