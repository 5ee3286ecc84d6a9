//! The JSON request body of every route: read with the route's size limit,
//! checked by [`super::hygiene`] and decoded, each failure answered with the
//! JSON error body (413, 415, 400 or 422) instead of the framework's text.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use dvc_core::CoreError;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest body any route takes (a field device's batch); smaller
/// per-route limits apply while reading.
pub const MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;

/// A request body decoded from checked JSON.
#[derive(Debug, Clone)]
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        if !json {
            return Err(unsupported_type());
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
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                unreadable()
            }
        })?;
        decode(&bytes).map(Body)
    }
}

/// Decodes checked JSON from `bytes`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
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
    T::deserialize(value).map_err(|e| {
        // serde's message names the field and the expected type only.
        let detail: String = e.to_string().chars().take(200).collect();
        ApiError::from(CoreError::invalid(
            "body",
            format!("Nội dung gửi lên không đúng dạng: {detail}"),
            format!("The request body does not have the expected shape: {detail}"),
        ))
    })
}

fn unsupported_type() -> ApiError {
    ApiError::with_status(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        CoreError::invalid(
            "content-type",
            "Nội dung cần gửi dạng application/json.",
            "The request body must be sent as application/json.",
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
