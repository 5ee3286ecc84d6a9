//! `GET /v1/keys`: the public keys that sign dossier codes and the
//! revocation list, for offline verifiers; public, with an ETag.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use dvc_core::CoreError;

use super::etag;
use crate::credentials;
use crate::error::ApiResult;
use crate::state::AppState;

/// Serves the keyring JSON, or 304 when `If-None-Match` names its ETag.
pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let ring = state
        .blocking(|db| Ok(db.read(credentials::keyring)?))
        .await?;
    let json = serde_json::to_string(&ring).map_err(CoreError::from)?;
    let tag = etag::tag("keys", json.as_bytes());
    Ok(etag::respond(&headers, &tag, json))
}
