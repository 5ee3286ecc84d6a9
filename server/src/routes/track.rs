//! Public tracking: `GET /v1/track/{dossier-code|S10}?since=N&check=C`
//! (the events after cursor `N`) and `GET /v1/delivery/terms`. Like the
//! national portal's lookup it needs no account and shows no personal
//! data; a dossier code also needs the receipt's check code `C` (or the
//! owner's token, or a token of the dossier's office), an item number
//! alone shows the postal steps. Lookups are rate-limited per address,
//! misses more tightly.

use axum::Json;
use axum::extract::{Path, Query, State};
use dvc_core::api::model::Principal;
use dvc_core::tracking::model::{DeliveryTerms, Track};
use serde::Deserialize;

use crate::auth::principal::MaybeAuth;
use crate::edge::client::ClientAddr;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tracks::{self, Viewer};

/// `?since=N&check=C`.
#[derive(Deserialize)]
pub struct TrackQuery {
    #[serde(default)]
    since: u64,
    #[serde(default)]
    check: Option<String>,
}

/// `GET /v1/track/{key}`: the dossier's tracks, events after `since`.
pub async fn get(
    State(state): State<AppState>,
    client: ClientAddr,
    MaybeAuth(who): MaybeAuth,
    Path(key): Path<String>,
    Query(q): Query<TrackQuery>,
) -> ApiResult<Json<Track>> {
    let rates = &state.settings.rates;
    state.count(|c| &c.track, &client.0, rates.track_per_address)?;
    let found = load(&state, key, q.since, who, q.check).await;
    if let Err(e) = &found
        && e.status() == axum::http::StatusCode::NOT_FOUND
    {
        state.count(
            |c| &c.track_misses,
            &client.0,
            rates.track_misses_per_address,
        )?;
    }
    found.map(Json)
}

/// The track of dossier code or item `key` for `who` holding `check`
/// (`None`, `None`: the office answering its own change).
pub(super) async fn load(
    state: &AppState,
    key: String,
    since: u64,
    who: Option<Principal>,
    check: Option<String>,
) -> ApiResult<Track> {
    let calendar = state.calendar();
    let catalogue = state.catalogue.data.clone();
    let settings = state.settings.clone();
    state
        .blocking(move |db| {
            Ok(db.read(|c| {
                let viewer = Viewer::Public {
                    who: who.as_ref(),
                    check: check.as_deref(),
                };
                tracks::track(
                    c,
                    &key,
                    since,
                    viewer,
                    &calendar,
                    &catalogue,
                    &settings.delivery,
                )
            })?)
        })
        .await
}

/// `GET /v1/delivery/terms`: the home delivery fee and service level.
pub async fn terms(State(state): State<AppState>) -> Json<DeliveryTerms> {
    Json(state.settings.delivery.clone())
}
