//! `GET /v1/health`: liveness and version.

use axum::Json;
use dvc_core::api::model::Health;

/// Always answers while the server runs.
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}
