//! HTTP error responses: a [`CoreError`] becomes a status code and an
//! [`ErrorBody`] with texts in Vietnamese and English.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dvc_core::api::model::ErrorBody;
use dvc_core::{CoreError, ErrorKind};

/// An error a handler returns: the core error and the HTTP status for it.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    err: CoreError,
    retry_after: Option<std::time::Duration>,
}

/// Handler results.
pub type ApiResult<T> = Result<T, ApiError>;

impl From<CoreError> for ApiError {
    fn from(err: CoreError) -> Self {
        let status = match err.kind() {
            ErrorKind::Unauthorised => StatusCode::UNAUTHORIZED,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::InvalidData => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::Offline | ErrorKind::Server => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Storage | ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            err,
            retry_after: None,
        }
    }
}

impl ApiError {
    /// Not signed in, or a bad / expired token.
    pub fn unauthenticated() -> Self {
        CoreError::signed_out().into()
    }

    /// Signed in, but this account may not do this.
    pub fn forbidden() -> Self {
        Self::with_status(
            StatusCode::FORBIDDEN,
            CoreError::new(
                ErrorKind::Unauthorised,
                "",
                "Tài khoản của bạn không có quyền làm việc này.",
                "Your account is not allowed to do this.",
            ),
        )
    }

    /// `err` answered with `status` instead of the status of its kind.
    pub fn with_status(status: StatusCode, err: CoreError) -> Self {
        ApiError {
            status,
            err,
            retry_after: None,
        }
    }

    /// 429: too many tries; `reason` says which limit (`rate_limited`,
    /// `locked`, `daily_code_limit`…), `wait` goes out as `Retry-After`.
    /// The body's `error` is `conflict`, so clients show the text and do
    /// not retry on their own.
    pub fn too_many(
        reason: dvc_core::Reason,
        wait: std::time::Duration,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            err: CoreError::conflict(reason, vi, en),
            retry_after: Some(wait),
        }
    }

    /// 429 for a client that sent too many requests of one kind.
    pub fn rate_limited(wait: std::time::Duration) -> Self {
        let secs = wait.as_secs().max(1);
        Self::too_many(
            dvc_core::Reason::RateLimited,
            wait,
            format!("Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau {secs} giây."),
            format!("Too many requests. Please try again in {secs} seconds."),
        )
    }

    /// The error inside.
    pub fn error(&self) -> &CoreError {
        &self.err
    }

    /// The status code for this error.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = if matches!(self.err.kind(), ErrorKind::Storage | ErrorKind::Internal) {
            // Internal detail (SQLite, a panic's text) goes to the log only.
            tracing::error!(error = %self.err, "request failed");
            generic_server_error()
        } else {
            ErrorBody {
                error: self.err.kind().as_str().to_owned(),
                field: self.err.field().map(shown),
                reason: self.err.reason().map(shown),
                vi: shown(self.err.vi()),
                en: shown(self.err.en()),
            }
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(wait) = self.retry_after
            && let Ok(value) = axum::http::HeaderValue::from_str(&wait.as_secs().max(1).to_string())
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response
    }
}

/// The body of every 500: no internal text, the same for every fault.
pub fn generic_server_error() -> ErrorBody {
    ErrorBody {
        error: ErrorKind::Internal.as_str().to_owned(),
        field: None,
        reason: None,
        vi: "Máy chủ gặp sự cố. Vui lòng thử lại sau.".to_owned(),
        en: "The server ran into a problem. Please try again later.".to_owned(),
    }
}

/// An error text as sent: what came from the request (a path value, a
/// code) cannot carry control or bidi characters to the client's screen,
/// nor make the answer long.
fn shown(text: &str) -> String {
    const MAX_CHARS: usize = 500;
    let safe = dvc_core::text::escape_hostile(text);
    if safe.chars().count() <= MAX_CHARS {
        safe.into_owned()
    } else {
        let mut cut: String = safe.chars().take(MAX_CHARS).collect();
        cut.push('…');
        cut
    }
}
