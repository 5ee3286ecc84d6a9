//! Conditional GET: a JSON document with a strong ETag, or `304 Not
//! Modified` when the client already has it.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A quoted strong ETag for `bytes`: `prefix` and a hash of the bytes.
pub fn tag(prefix: &str, bytes: &[u8]) -> String {
    let digest = dvc_core::ids::hex(&<sha2::Sha256 as sha2::Digest>::digest(bytes));
    format!("\"{prefix}-{}\"", &digest[..16])
}

/// Serves `json` with `etag`, or 304 when `If-None-Match` names it.
pub fn respond(headers: &HeaderMap, etag: &str, json: String) -> Response {
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let etag = HeaderValue::from_str(etag).unwrap_or(HeaderValue::from_static("\"0\""));
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
        json,
    )
        .into_response()
}
