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
use crate::error::{ApiError, ApiResult};
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
    let now = std::time::Instant::now();
    state.count(|c| &c.track, &client.0, rates.track_per_address)?;
    // Refused before the lookup once this address has missed too often,
    // so a right guess after the limit is not told apart from a wrong one.
    state
        .counters
        .track_misses
        .exhausted(&client.0, rates.track_misses_per_address, now)
        .map_err(ApiError::rate_limited)?;
    let code = key.trim().to_owned();
    if q.check.is_some() {
        state
            .counters
            .wrong_checks
            .exhausted(&code, rates.wrong_checks_per_dossier, now)
            .map_err(ApiError::rate_limited)?;
    }
    let found = lookup(&state, key, q.since, who, q.check).await;
    let missed = match &found {
        Err(e) => e.status() == axum::http::StatusCode::NOT_FOUND,
        Ok(None) => {
            let _ = state
                .counters
                .wrong_checks
                .hit(&code, rates.wrong_checks_per_dossier, now);
            true
        }
        Ok(Some(_)) => false,
    };
    if missed {
        state.count(
            |c| &c.track_misses,
            &client.0,
            rates.track_misses_per_address,
        )?;
        state.count(|c| &c.track_misses_all, &(), rates.track_misses_global)?;
    }
    found?
        .map(Json)
        .ok_or_else(|| crate::dossiers::not_found().into())
}

/// The track of dossier code or item `key` for `who` (staff answering
/// their own change).
pub(super) async fn load(
    state: &AppState,
    key: String,
    since: u64,
    who: Option<Principal>,
) -> ApiResult<Track> {
    lookup(state, key, since, who, None)
        .await?
        .ok_or_else(|| crate::dossiers::not_found().into())
}

/// The track of dossier code or item `key` for `who` holding `check`;
/// `None` when the check is wrong.
async fn lookup(
    state: &AppState,
    key: String,
    since: u64,
    who: Option<Principal>,
    check: Option<String>,
) -> ApiResult<Option<Track>> {
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
