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
        ApiError { status, err }
    }
}

impl ApiError {
    /// Not signed in, or a bad / expired token.
    pub fn unauthenticated() -> Self {
        CoreError::signed_out().into()
    }

    /// Signed in, but this account may not do this.
    pub fn forbidden() -> Self {
        ApiError {
            status: StatusCode::FORBIDDEN,
            err: CoreError::new(
                ErrorKind::Unauthorised,
                "",
                "Tài khoản của bạn không có quyền làm việc này.",
                "Your account is not allowed to do this.",
            ),
        }
    }

    /// The status code for this error.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self.err, "request failed");
        }
        let body = ErrorBody {
            error: self.err.kind().as_str().to_owned(),
            field: self.err.field().map(str::to_owned),
            reason: self.err.reason().map(str::to_owned),
            vi: self.err.vi().to_owned(),
            en: self.err.en().to_owned(),
        };
        (status, Json(body)).into_response()
    }
}
