//! `GET /v1/offices`: the agent offices (public).

use axum::Json;
use axum::extract::State;
use dvc_core::api::model::Office;

use crate::error::ApiResult;
use crate::state::AppState;

/// Lists all offices, sourced ones first.
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<Vec<Office>>> {
    let offices = state
        .blocking(|db| Ok(db.read(crate::offices::all)?))
        .await?;
    Ok(Json(offices))
}
