//! `/v1/dossiers/{id}/files`: the files of a dossier, for its owner and
//! the staff of its office (counter: every file; field: the proofs of
//! pickup and delivery). Never on the public track. A dossier the account
//! may not see is "not found", as everywhere.

use axum::Json;
use axum::body::Body as HttpBody;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use dvc_core::files::model::DossierFiles;

use crate::auth::principal::Auth;
use crate::dossiers;
use crate::error::ApiResult;
use crate::files::links;
use crate::state::AppState;

/// Bytes per piece of a streamed file.
const PIECE: usize = 256 * 1024;

/// `GET /v1/dossiers/{id}/files`.
pub async fn list(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<DossierFiles>> {
    let files = state
        .blocking(move |db| {
            Ok(db.read(|c| {
                let d = dossiers::visible_one(c, &who, &id)?;
                links::list(c, &who, &d.id, d.code)
            })?)
        })
        .await?;
    Ok(Json(files))
}

/// `GET /v1/dossiers/{id}/files/{sha256}`: the file's bytes, streamed.
pub async fn get_one(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path((id, sha256)): Path<(String, String)>,
) -> ApiResult<Response> {
    crate::files::uploads::check_sha256("sha256", &sha256)?;
    let sha = sha256.clone();
    let (bytes, file_type) = state
        .blocking(move |db| {
            Ok(db.read(|c| {
                let d = dossiers::visible_one(c, &who, &id)?;
                links::readable(c, &who, &d.id, &sha)?.ok_or_else(|| {
                    dvc_core::CoreError::not_found(
                        "Hồ sơ không có tệp này.",
                        "The dossier has no such file.",
                    )
                })
            })?)
        })
        .await?;
    let blobs = state.blobs.clone();
    let total = u64::try_from(bytes).unwrap_or(0);
    let pieces = futures_util::stream::unfold(0u64, move |offset| {
        let blobs = blobs.clone();
        let sha = sha256.clone();
        async move {
            if offset >= total {
                return None;
            }
            let read = tokio::task::spawn_blocking(move || blobs.read(&sha, offset, PIECE)).await;
            match read {
                Ok(Ok(piece)) if !piece.is_empty() => {
                    let next = offset + piece.len() as u64;
                    Some((Ok::<_, std::io::Error>(piece), next))
                }
                Ok(Err(e)) => Some((Err(e), total)),
                _ => Some((
                    Err(std::io::Error::other("file shorter than stored")),
                    total,
                )),
            }
        }
    });
    let mut response = HttpBody::from_stream(pieces).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file_type.media_type()),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(total));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
