//! The HTTP client: JSON over reqwest (rustls), bearer tokens, timeouts,
//! retries for idempotent calls, typed errors.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::model::ErrorBody;
use super::{IDEMPOTENCY_HEADER, RetryPolicy};
use crate::error::{CoreError, CoreResult, ErrorKind};

/// The answer to a conditional GET (`If-None-Match`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conditional<T> {
    /// 304: what we have is current.
    NotModified,
    /// 200: a new body and its ETag.
    Modified {
        /// The body.
        body: T,
        /// The ETag the server sent, if any.
        etag: Option<String>,
    },
}

/// A client for one server. Cheap to clone.
#[derive(Debug, Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    base: String,
    retry: RetryPolicy,
    /// One call's whole budget, its retries included.
    deadline: Duration,
    /// Told whether requests reach the server (connectivity events).
    pub(crate) events: std::sync::Arc<crate::events::Hub>,
}

impl ApiClient {
    /// A client for the server at `base_url` (e.g. `http://127.0.0.1:8787`),
    /// with a per-request `timeout`; an `https` server needs `tls_roots`,
    /// a PEM bundle of trusted root certificates (the library holds none).
    pub fn new(
        base_url: &str,
        timeout: Duration,
        retry: RetryPolicy,
        tls_roots: Option<&[u8]>,
    ) -> CoreResult<Self> {
        let base = base_url.trim_end_matches('/').to_owned();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(CoreError::invalid(
                "server_url",
                format!("Địa chỉ máy chủ không hợp lệ: {base_url}"),
                format!("Invalid server address: {base_url}"),
            ));
        }
        super::tls_provider::install();
        let mut builder = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("dvc-core/", env!("CARGO_PKG_VERSION")));
        if base.starts_with("https://") {
            for root in super::tls_roots::parse(tls_roots)? {
                builder = builder.add_root_certificate(root);
            }
        }
        let http = builder.build().map_err(CoreError::internal)?;
        Ok(Self {
            http,
            base,
            retry,
            deadline: timeout,
            events: Default::default(),
        })
    }

    /// The answer of a request, or "offline" when it never reached the
    /// server; either way the listeners learn whether the server is reached.
    fn reached(
        &self,
        sent: reqwest::Result<reqwest::Response>,
        path: &str,
    ) -> CoreResult<reqwest::Response> {
        match sent {
            Ok(resp) => {
                self.events.connectivity(true);
                Ok(resp)
            }
            Err(e) => {
                // reqwest's text holds the URL (codes, checks): only its kind.
                let why = if e.is_timeout() {
                    "timeout"
                } else if e.is_connect() {
                    "connect"
                } else {
                    "transport"
                };
                tracing::debug!(
                    route = crate::logging::route_of(path),
                    why,
                    "request failed"
                );
                self.events.connectivity(false);
                Err(CoreError::offline())
            }
        }
    }

    /// Runs one call (all its tries) within the client's timeout: a server
    /// that accepts and never answers costs one timeout, not one per try.
    async fn within_deadline<T>(
        &self,
        call: impl std::future::Future<Output = CoreResult<T>>,
    ) -> CoreResult<T> {
        match tokio::time::timeout(self.deadline, call).await {
            Ok(result) => result,
            Err(_) => Err(CoreError::new(
                ErrorKind::Offline,
                "",
                format!(
                    "Máy chủ không trả lời trong {} giây. Vui lòng thử lại sau.",
                    self.deadline.as_secs_f32().ceil()
                ),
                format!(
                    "The server did not answer within {} seconds. Please try again later.",
                    self.deadline.as_secs_f32().ceil()
                ),
            )),
        }
    }

    /// The server's base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// GET `path`; retried on network and server errors.
    pub async fn get<T: DeserializeOwned>(&self, path: &str, token: Option<&str>) -> CoreResult<T> {
        self.call::<(), T>(Method::GET, path, None, token, None)
            .await
    }

    /// GET `path` as text, sending `etag` as `If-None-Match`; retried like
    /// any GET.
    pub async fn get_text_conditional(
        &self,
        path: &str,
        etag: Option<&str>,
    ) -> CoreResult<Conditional<String>> {
        self.within_deadline(async {
            let mut attempt = 1;
            loop {
                match self.conditional_once(path, etag).await {
                    Err(err) if attempt < self.retry.attempts.max(1) && is_transient(&err) => {
                        tokio::time::sleep(self.retry.delay(attempt)).await;
                        attempt += 1;
                    }
                    other => return other,
                }
            }
        })
        .await
    }

    async fn conditional_once(
        &self,
        path: &str,
        etag: Option<&str>,
    ) -> CoreResult<Conditional<String>> {
        let mut req = self.http.get(format!("{}{path}", self.base));
        if let Some(etag) = etag {
            req = req.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        let resp = self.reached(req.send().await, path)?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Conditional::NotModified);
        }
        let etag = resp
            .headers()
            .get(reqwest::header::ETAG)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = resp.bytes().await.map_err(|_| CoreError::offline())?;
        if !status.is_success() {
            return Err(error_from_response(status, &bytes));
        }
        let body = String::from_utf8(bytes.to_vec()).map_err(unreadable_answer)?;
        Ok(Conditional::Modified { body, etag })
    }

    /// POST `body` to `path`. Retried only when `idempotency_key` is given,
    /// which the server uses to apply the request once.
    pub async fn post<B: Serialize + Sync, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        token: Option<&str>,
        idempotency_key: Option<&str>,
    ) -> CoreResult<T> {
        self.call(Method::POST, path, Some(body), token, idempotency_key)
            .await
    }

    /// DELETE `path` (idempotent by HTTP semantics, so retried).
    pub async fn delete<T: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> CoreResult<T> {
        self.call::<(), T>(Method::DELETE, path, None, token, None)
            .await
    }

    async fn call<B: Serialize + Sync, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        token: Option<&str>,
        idempotency_key: Option<&str>,
    ) -> CoreResult<T> {
        let retryable = method != Method::POST || idempotency_key.is_some();
        let body = body.map(serde_json::to_vec).transpose()?.map(|b| (JSON, b));
        let bytes = self
            .send(method, path, body, token, idempotency_key, retryable)
            .await?;
        serde_json::from_slice(&bytes).map_err(unreadable_answer)
    }

    /// One call with its tries, whatever the types: the JSON is made and
    /// read by the generic callers only, so this code is in the library
    /// once, not once per request and answer type. `body` is its media
    /// type and bytes; `retryable` says whether a failed try may be sent
    /// again (idempotent requests only).
    pub(crate) async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<(&'static str, Vec<u8>)>,
        token: Option<&str>,
        idempotency_key: Option<&str>,
        retryable: bool,
    ) -> CoreResult<Vec<u8>> {
        let attempts = if retryable {
            self.retry.attempts.max(1)
        } else {
            1
        };
        self.within_deadline(async {
            let mut attempt = 1;
            loop {
                match self
                    .once(&method, path, body.as_ref(), token, idempotency_key)
                    .await
                {
                    Err(err) if attempt < attempts && is_transient(&err) => {
                        let delay = self.retry.delay(attempt);
                        let route = crate::logging::route_of(path);
                        tracing::debug!(%method, route, attempt, ?delay, kind = err.kind().as_str(), "retrying");
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                    }
                    other => return other,
                }
            }
        })
        .await
    }

    async fn once(
        &self,
        method: &Method,
        path: &str,
        body: Option<&(&'static str, Vec<u8>)>,
        token: Option<&str>,
        idempotency_key: Option<&str>,
    ) -> CoreResult<Vec<u8>> {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(key) = idempotency_key {
            req = req.header(IDEMPOTENCY_HEADER, key);
        }
        if let Some((kind, bytes)) = body {
            req = req
                .header(reqwest::header::CONTENT_TYPE, *kind)
                .body(bytes.clone());
        }
        let resp = self.reached(req.send().await, path)?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|_| CoreError::offline())?;
        if status.is_success() {
            return Ok(bytes.to_vec());
        }
        Err(error_from_response(status, &bytes))
    }
}

/// The media type of JSON request bodies.
pub(crate) const JSON: &str = "application/json";

/// A success answer the client cannot read (the parser's words go to the
/// support field).
pub(crate) fn unreadable_answer(e: impl std::fmt::Display) -> CoreError {
    CoreError::new(
        ErrorKind::Server,
        "",
        "Máy chủ trả về dữ liệu không đọc được. Vui lòng thử lại sau.",
        "The server sent data that cannot be read. Please try again later.",
    )
    .with_support(e)
}

/// Network failures and server-side faults may pass; the rest will not.
fn is_transient(err: &CoreError) -> bool {
    matches!(err.kind(), ErrorKind::Offline | ErrorKind::Server)
}

/// Maps an HTTP error response onto a [`CoreError`], keeping the server's
/// texts when it sent an [`ErrorBody`].
pub(crate) fn error_from_response(status: StatusCode, body: &[u8]) -> CoreError {
    let kind = match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => ErrorKind::Unauthorised,
        StatusCode::NOT_FOUND => ErrorKind::NotFound,
        StatusCode::CONFLICT => ErrorKind::Conflict,
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => ErrorKind::InvalidData,
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => ErrorKind::Server,
        s if s.is_server_error() => ErrorKind::Server,
        _ => ErrorKind::Server,
    };
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(b) => {
            // A 5xx is the server's trouble, whatever its body says (its
            // "internal" is not the phone's): worth trying again.
            let kind = if status.is_server_error() {
                ErrorKind::Server
            } else {
                ErrorKind::parse(&b.error)
                    .filter(|k| *k != ErrorKind::Offline)
                    .unwrap_or(kind)
            };
            let detail = b.field.as_deref().or(b.reason.as_deref()).unwrap_or("");
            CoreError::new(kind, detail, b.vi, b.en)
        }
        Err(_) => CoreError::new(
            kind,
            "",
            format!("Máy chủ báo lỗi {}.", status.as_u16()),
            format!("The server answered with error {status}."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_error_bodies_keep_their_kind_field_and_texts() {
        let body = br#"{"error":"invalid_data","field":"phone","vi":"Sai","en":"Wrong"}"#;
        let err = error_from_response(StatusCode::BAD_REQUEST, body);
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        assert_eq!(err.field(), Some("phone"));
        assert_eq!(err.vi(), "Sai");
    }

    #[test]
    fn a_server_fault_is_a_server_error_the_phone_may_retry() {
        let body = r#"{"error":"internal","vi":"Máy chủ gặp sự cố.","en":"The server ran into a problem."}"#.as_bytes();
        let err = error_from_response(StatusCode::INTERNAL_SERVER_ERROR, body);
        assert_eq!(err.kind(), ErrorKind::Server);
        assert!(is_transient(&err));
        assert_eq!(err.en(), "The server ran into a problem.");
    }

    #[test]
    fn bare_statuses_map_to_kinds() {
        for (status, kind) in [
            (StatusCode::UNAUTHORIZED, ErrorKind::Unauthorised),
            (StatusCode::FORBIDDEN, ErrorKind::Unauthorised),
            (StatusCode::NOT_FOUND, ErrorKind::NotFound),
            (StatusCode::CONFLICT, ErrorKind::Conflict),
            (StatusCode::UNPROCESSABLE_ENTITY, ErrorKind::InvalidData),
            (StatusCode::BAD_GATEWAY, ErrorKind::Server),
        ] {
            assert_eq!(error_from_response(status, b"<html>").kind(), kind);
        }
    }

    #[test]
    fn a_bad_base_url_is_invalid_data() {
        let err = ApiClient::new("ftp://x", Duration::from_secs(1), RetryPolicy::none(), None)
            .unwrap_err();
        assert_eq!(err.field(), Some("server_url"));
    }

    #[tokio::test]
    async fn an_unreachable_server_is_offline_after_retries() {
        // Port 9 on loopback (discard) is closed here: connection refused.
        let policy = RetryPolicy {
            attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(2),
        };
        let api =
            ApiClient::new("http://127.0.0.1:9", Duration::from_secs(2), policy, None).unwrap();
        let err = api
            .get::<serde_json::Value>("/v1/health", None)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Offline);
    }
}
