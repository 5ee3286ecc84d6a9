//! `/v1/uploads`: any signed-in account sends a file in chunks — create
//! (hash, size, type), `PUT` chunks at offsets, complete (hash and type
//! checked). Another account's upload is "not found".

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use dvc_core::files::model::{NewUpload, Upload};
use serde::Deserialize;

use crate::auth::principal::Auth;
use crate::edge::body::{Body, Chunk};
use crate::error::ApiResult;
use crate::files::uploads;
use crate::state::AppState;

/// `POST /v1/uploads`: 201 with a new upload, or 200 with the account's
/// upload of that file (begun, or complete with nothing left to send).
pub async fn create(
    State(state): State<AppState>,
    Auth(who): Auth,
    Body(req): Body<NewUpload>,
) -> ApiResult<(StatusCode, Json<Upload>)> {
    let now = state.clock.now();
    let blobs = state.blobs.clone();
    let settings = state.settings.files;
    let (fresh, upload) = state
        .blocking(move |db| {
            Ok(db.write(|tx| {
                let before: bool = tx.query_row(
                    "SELECT count(*) > 0 FROM upload WHERE account_id = ?1 AND sha256 = ?2",
                    [&who.account_id, &req.sha256],
                    |r| r.get(0),
                )?;
                let up = uploads::create(tx, &who, &req, blobs.as_ref(), &settings, now)?;
                Ok((!before, up))
            })?)
        })
        .await?;
    let status = if fresh {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(upload)))
}

/// `GET /v1/uploads/{id}`: where the upload stands.
pub async fn get(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Upload>> {
    let blobs = state.blobs.clone();
    let up = state
        .blocking(move |db| Ok(db.read(|c| uploads::get(c, &who, &id, blobs.as_ref()))?))
        .await?;
    Ok(Json(up))
}

/// `?offset=N`: where a chunk starts.
#[derive(Debug, Deserialize)]
pub struct At {
    offset: u64,
}

/// `PUT /v1/uploads/{id}?offset=N`: one chunk (`application/octet-stream`,
/// at most the chunk limit), which must start at the upload's `received`.
pub async fn put_chunk(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path(id): Path<String>,
    Query(at): Query<At>,
    Chunk(bytes): Chunk,
) -> ApiResult<Json<Upload>> {
    let blobs = state.blobs.clone();
    let up = state
        .blocking(move |db| {
            Ok(db.read(|c| uploads::append(c, &who, &id, at.offset, &bytes, blobs.as_ref()))?)
        })
        .await?;
    Ok(Json(up))
}

/// `POST /v1/uploads/{id}/complete`: checks the hash and the type and
/// stores the file (once, whoever else sent the same bytes). Repeating it
/// is harmless.
pub async fn complete(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Upload>> {
    let blobs = state.blobs.clone();
    let now = state.clock.now();
    let up = state
        .blocking(move |db| {
            let verified = db.read(|c| uploads::verify(c, &who, &id, blobs.as_ref()))?;
            Ok(db.write(|tx| {
                if let Some(sha) = &verified
                    && !blobs.has(sha)
                {
                    // Deleted by a retention pass in between: send again.
                    return Err(dvc_core::CoreError::conflict(
                        dvc_core::Reason::WrongOffset,
                        "Tệp cần được gửi lại từ đầu.",
                        "The file needs to be sent again from the start.",
                    ));
                }
                uploads::finish(tx, &who, &id, blobs.as_ref(), now)
            })?)
        })
        .await?;
    Ok(Json(up))
}
