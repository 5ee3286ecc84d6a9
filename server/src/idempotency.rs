//! Idempotency keys: a POST carrying `Idempotency-Key` is applied once per
//! account and key; a repeat gets the first answer back.

use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use dvc_core::api::IDEMPOTENCY_HEADER;
use dvc_core::{CoreError, CoreResult};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::error::ApiResult;

/// A stored answer: status code and JSON body.
pub type StoredAnswer = (u16, String);

/// The request's key, if it sent one, checked.
pub fn key(headers: &HeaderMap) -> CoreResult<Option<String>> {
    let key = headers
        .get(IDEMPOTENCY_HEADER)
        .map(|v| v.to_str().unwrap_or("").to_owned());
    if let Some(k) = &key {
        validate(k)?;
    }
    Ok(key)
}

/// Creates something once per account and key, inside `tx`: runs `create`
/// and stores its answer (`201 Created`), or gives back the answer stored
/// for a repeat. Without a key, `create` simply runs.
pub fn create_once<T: Serialize>(
    tx: &Transaction<'_>,
    account_id: &str,
    key: Option<&str>,
    route: &str,
    create: impl FnOnce() -> CoreResult<T>,
) -> CoreResult<StoredAnswer> {
    if let Some(k) = key
        && let Some(answer) = replay(tx, account_id, k, route)?
    {
        return Ok(answer);
    }
    let answer = (
        StatusCode::CREATED.as_u16(),
        serde_json::to_string(&create()?)?,
    );
    if let Some(k) = key {
        remember(tx, account_id, k, route, &answer)?;
    }
    Ok(answer)
}

/// A stored answer as the HTTP response.
pub fn respond(answer: StoredAnswer) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let (status, body) = answer;
    let value: serde_json::Value = serde_json::from_str(&body).map_err(CoreError::from)?;
    Ok((
        StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED),
        Json(value),
    ))
}

/// Checks the shape of a client-supplied key.
pub fn validate(key: &str) -> CoreResult<()> {
    if key.is_empty() || key.len() > 128 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(CoreError::invalid(
            "idempotency-key",
            "Khóa chống gửi trùng không hợp lệ.",
            "Invalid idempotency key.",
        ));
    }
    Ok(())
}

/// The answer already given for `key` by `account_id`, if any. A key reused
/// for another route is a client bug and is refused.
pub fn replay(
    tx: &Transaction<'_>,
    account_id: &str,
    key: &str,
    route: &str,
) -> CoreResult<Option<StoredAnswer>> {
    let row: Option<(String, u16, String)> = tx
        .query_row(
            "SELECT route, status, body FROM idempotency WHERE account_id = ?1 AND key = ?2",
            params![account_id, key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        Some((stored_route, _, _)) if stored_route != route => Err(CoreError::invalid(
            "idempotency-key",
            "Khóa chống gửi trùng đã dùng cho yêu cầu khác.",
            "This idempotency key was used for another request.",
        )),
        Some((_, status, body)) => Ok(Some((status, body))),
        None => Ok(None),
    }
}

/// Records the answer for `key` (same transaction as the change it answers).
pub fn remember(
    tx: &Transaction<'_>,
    account_id: &str,
    key: &str,
    route: &str,
    answer: &StoredAnswer,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO idempotency (account_id, key, route, status, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![account_id, key, route, answer.0, answer.1, Utc::now().to_rfc3339()],
    )?;
    Ok(())
}
