//! Public tracking: `GET /v1/track/{dossier-code|S10}?since=N` (the
//! events after cursor `N`) and `GET /v1/delivery/terms`. Like the
//! national portal's lookup it needs no account and shows no personal data.

use axum::Json;
use axum::extract::{Path, Query, State};
use dvc_core::tracking::model::{DeliveryTerms, Track};
use serde::Deserialize;

use crate::error::ApiResult;
use crate::state::AppState;
use crate::tracks;

/// `?since=N`.
#[derive(Deserialize)]
pub struct Since {
    #[serde(default)]
    since: u64,
}

/// `GET /v1/track/{key}`: the dossier's tracks, events after `since`.
pub async fn get(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(q): Query<Since>,
) -> ApiResult<Json<Track>> {
    load(&state, key, q.since).await.map(Json)
}

/// The public track of dossier code or item `key`, events after `since`.
pub(super) async fn load(state: &AppState, key: String, since: u64) -> ApiResult<Track> {
    let calendar = state.calendar();
    let catalogue = state.catalogue.data.clone();
    let settings = state.settings.clone();
    state
        .blocking(move |db| {
            Ok(db.read(|c| {
                tracks::track(c, &key, since, &calendar, &catalogue, &settings.delivery)
            })?)
        })
        .await
}

/// `GET /v1/delivery/terms`: the home delivery fee and service level.
pub async fn terms(State(state): State<AppState>) -> Json<DeliveryTerms> {
    Json(state.settings.delivery.clone())
}
