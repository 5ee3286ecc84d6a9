//! Talking to the server: the shared JSON model, the HTTP client with
//! timeouts, retries with backoff for idempotent calls, and the mapping of
//! HTTP failures onto [`crate::CoreError`].

pub(crate) mod client;
pub mod model;
mod retry;
mod tls_provider;
mod tls_roots;

pub use client::{ApiClient, Conditional};
pub use retry::RetryPolicy;
pub use tls_roots::BUNDLED_TLS_ROOTS;

/// The header carrying a client-chosen key that makes a POST safe to retry.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
