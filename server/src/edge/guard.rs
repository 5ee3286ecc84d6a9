//! Around every request: a deadline, a panic turned into the generic 500,
//! and any error the framework answers in plain text (an unknown method, a
//! bad path or query value) re-answered with the JSON error body.

use std::panic::AssertUnwindSafe;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use dvc_core::api::model::ErrorBody;
use futures_util::FutureExt;

use crate::error::generic_server_error;
use crate::state::AppState;

/// The middleware: see the module's documentation.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let deadline = state.settings.edge.request_timeout;
    let run = AssertUnwindSafe(next.run(req)).catch_unwind();
    match tokio::time::timeout(deadline, run).await {
        Err(_) => {
            tracing::warn!(?deadline, "request deadline passed");
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "server_error",
                "Máy chủ không trả lời kịp. Vui lòng thử lại.",
                "The server did not answer in time. Please try again.",
            )
        }
        Ok(Err(_panic)) => {
            tracing::error!("a handler panicked");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(generic_server_error()),
            )
                .into_response()
        }
        Ok(Ok(response)) => as_json(response),
    }
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// An error answer in another format replaced by the JSON error body.
fn as_json(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let (kind, vi, en) = match status {
        StatusCode::NOT_FOUND => (
            "not_found",
            "Không có địa chỉ này trên máy chủ.",
            "No such address on this server.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "invalid_data",
            "Địa chỉ này không nhận phương thức đó.",
            "This address does not take that method.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "invalid_data",
            "Nội dung gửi lên quá lớn.",
            "The request body is too large.",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "invalid_data",
            "Nội dung cần gửi dạng application/json.",
            "The request body must be sent as application/json.",
        ),
        s if s.is_server_error() => {
            let b = generic_server_error();
            return (status, Json(b)).into_response();
        }
        _ => (
            "invalid_data",
            "Yêu cầu không hợp lệ (địa chỉ, tham số hoặc nội dung).",
            "The request is not valid (its address, parameters or body).",
        ),
    };
    let mut answer = error(status, kind, vi, en);
    if let Some(allow) = response.headers().get(header::ALLOW) {
        answer.headers_mut().insert(header::ALLOW, allow.clone());
    }
    answer
}

fn error(status: StatusCode, kind: &str, vi: &str, en: &str) -> Response {
    (
        status,
        Json(ErrorBody {
            error: kind.to_owned(),
            field: None,
            reason: None,
            vi: vi.to_owned(),
            en: en.to_owned(),
        }),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_the_generic_500_without_its_text() {
        let config =
            crate::ServerConfig::new(None, std::sync::Arc::new(crate::auth::otp::NoSender));
        let state = crate::state(&config).unwrap();
        let app = Router::new()
            .route(
                "/boom",
                get(|| async {
                    if std::hint::black_box(true) {
                        panic!("secret internal detail");
                    }
                    "unreachable"
                }),
            )
            .layer(axum::middleware::from_fn_with_state(state.clone(), guard))
            .with_state(state);
        let response = app
            .oneshot(
                axum::http::Request::get("/boom")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let bytes = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("secret"), "{text}");
        let body: ErrorBody = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body.error, "internal");
        assert!(body.vi.contains("sự cố"));
    }
}
