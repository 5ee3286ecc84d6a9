//! The JSON request body of every route: read with the route's size limit,
//! checked by [`super::hygiene`] and decoded, each failure answered with the
//! JSON error body (413, 415, 400 or 422) instead of the framework's text.

use axum::body::Bytes;
use std::time::Duration;

use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use dvc_core::CoreError;
use futures_util::StreamExt;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest body any route takes (a field device's batch); smaller
/// per-route limits apply while reading.
pub const MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;

/// A request body decoded from checked JSON.
#[derive(Debug, Clone)]
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Serialize> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req, "application/json").await?;
        decode(&bytes).map(Body)
    }
}

/// A raw request body sent as `application/octet-stream` (a chunk of an
/// upload), read with the route's size limit.
#[derive(Debug, Clone)]
pub struct Chunk(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Chunk {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        read_body(req, "application/octet-stream").await.map(Chunk)
    }
}

/// The body of `req` if sent as `media`, up to the route's limit.
async fn read_body(req: Request, media: &'static str) -> Result<Bytes, ApiError> {
    let typed = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(media));
    if !typed {
        return Err(unsupported_type(media));
    }
    // A body declared larger than any route takes is refused at once,
    // not read (or waited for) first.
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let limit = req
        .extensions()
        .get::<BodyLimit>()
        .map_or(DEFAULT_LIMIT, |l| l.0);
    read_limited(req.into_body(), limit).await
}

/// The largest body a route reads, set by a layer in the router (the
/// innermost layer wins); without one, [`DEFAULT_LIMIT`].
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// The limit of a route with no [`BodyLimit`] layer.
pub const DEFAULT_LIMIT: usize = 64 * 1024;

/// How long the rest of an oversized body is read (and dropped) so the
/// client gets its 413 instead of a reset connection.
const DRAIN_TIME: Duration = Duration::from_secs(5);

/// Reads `body` up to `limit` bytes. Past the limit the rest is read and
/// dropped (at most [`MAX_BODY_BYTES`] in all, for at most [`DRAIN_TIME`])
/// before the 413: a server that closes on unread data makes the client's
/// kernel see a reset, and the client never reads the answer.
async fn read_limited(body: axum::body::Body, limit: usize) -> Result<Bytes, ApiError> {
    let mut stream = body.into_data_stream();
    let mut kept: Vec<u8> = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| unreadable())?;
        if kept.len() + chunk.len() > limit {
            let mut seen = (kept.len() + chunk.len()) as u64;
            drop(kept);
            let drain = async {
                while let Some(Ok(chunk)) = stream.next().await {
                    seen += chunk.len() as u64;
                    if seen > MAX_BODY_BYTES {
                        break;
                    }
                }
            };
            let _ = tokio::time::timeout(DRAIN_TIME, drain).await;
            return Err(too_large());
        }
        kept.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(kept))
}

/// Decodes checked JSON from `bytes`; a field the request type does not
/// have is refused (as the OpenAPI document says), not silently dropped.
pub fn decode<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::with_status(
            StatusCode::BAD_REQUEST,
            CoreError::invalid(
                "body",
                format!(
                    "Nội dung gửi lên không phải JSON hợp lệ (dòng {}, cột {}).",
                    e.line(),
                    e.column()
                ),
                format!(
                    "The request body is not valid JSON (line {}, column {}).",
                    e.line(),
                    e.column()
                ),
            ),
        )
    })?;
    super::hygiene::check_value(&value)?;
    let value = integral_numbers(value);
    let decoded = T::deserialize(&value).map_err(|e| {
        // serde's message names the field and the expected type only.
        let detail: String = e.to_string().chars().take(200).collect();
        ApiError::from(CoreError::invalid(
            "body",
            format!("Nội dung gửi lên không đúng dạng: {detail}"),
            format!("The request body does not have the expected shape: {detail}"),
        ))
    })?;
    let read = serde_json::to_value(&decoded).map_err(CoreError::from)?;
    if let Some(extra) = unknown_field(&value, &read, &mut String::new()) {
        return Err(CoreError::invalid(
            &extra,
            format!("Trường «{extra}» không có trong yêu cầu này."),
            format!("This request has no field “{extra}”."),
        )
        .into());
    }
    Ok(decoded)
}

/// The first field of `sent` that `read` (what the request type kept) does
/// not have, as a dotted path.
fn unknown_field(
    sent: &serde_json::Value,
    read: &serde_json::Value,
    path: &mut String,
) -> Option<String> {
    use serde_json::Value;
    match (sent, read) {
        (Value::Object(s), Value::Object(r)) => {
            for (key, value) in s {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                let found = match r.get(key) {
                    None => Some(path.clone()),
                    Some(kept) => unknown_field(value, kept, path),
                };
                path.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        (Value::Array(s), Value::Array(r)) => {
            s.iter().zip(r).find_map(|(a, b)| unknown_field(a, b, path))
        }
        _ => None,
    }
}

/// Numbers written with a zero fraction (`2.0`) read as the integers they
/// are, as JSON Schema's `integer` allows; fields that take a float read
/// them as floats all the same.
fn integral_numbers(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f)
                if !n.is_i64()
                    && !n.is_u64()
                    && f.fract() == 0.0
                    && f.abs() <= 9_007_199_254_740_991.0 =>
            {
                Value::from(f as i64)
            }
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral_numbers).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, integral_numbers(v)))
                .collect(),
        ),
        other => other,
    }
}

fn unsupported_type(media: &str) -> ApiError {
    ApiError::with_status(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        CoreError::invalid(
            "content-type",
            format!("Nội dung cần gửi dạng {media}."),
            format!("The request body must be sent as {media}."),
        ),
    )
}

/// 413 with the JSON error body.
pub fn too_large() -> ApiError {
    ApiError::with_status(
        StatusCode::PAYLOAD_TOO_LARGE,
        CoreError::invalid(
            "body",
            "Nội dung gửi lên quá lớn.",
            "The request body is too large.",
        ),
    )
}

fn unreadable() -> ApiError {
    ApiError::with_status(
        StatusCode::BAD_REQUEST,
        CoreError::invalid(
            "body",
            "Không đọc được nội dung gửi lên.",
            "The request body could not be read.",
        ),
    )
}
