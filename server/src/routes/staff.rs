//! `/v1/staff/…`: what office and field staff do. The agency's status
//! changes and the hand-over of results to the post (standing in for the
//! agency's own system), back-office item scans, booking home pickups,
//! the field worklist, and receiving a device's action log. The office
//! side is counter staff's, the worklist and field actions field staff's
//! (table in docs/ARCHITECTURE.md).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use dvc_core::field::model::{ActionBatch, BatchReply, NewPickup, Visit, Worklist};
use dvc_core::tracking::model::{Dispatch, ItemScan, StatusUpdate, Track};
use serde::Serialize;

use crate::auth::principal::Auth;
use crate::edge::body::Body;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::{field_sync, tracks, visits};

/// `POST /v1/staff/dossiers/{id}/status`: the agency's decision; answers
/// the dossier's track.
pub async fn status(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Body(req): Body<StatusUpdate>,
) -> ApiResult<Json<Track>> {
    let who = auth.counter()?.clone();
    let tracked = state.clone();
    let viewer = who.clone();
    let now = state.clock.now();
    let code = state
        .blocking(move |db| Ok(db.write(|tx| tracks::update_status(tx, &who, &id, &req, now))?))
        .await?;
    super::track::load(&tracked, code, 0, Some(viewer))
        .await
        .map(Json)
}

/// The item number a dispatch gave the result.
#[derive(Serialize)]
pub struct Dispatched {
    s10: String,
}

/// `POST /v1/staff/dossiers/{id}/dispatch`: the result goes to the post.
pub async fn dispatch(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Body(req): Body<Dispatch>,
) -> ApiResult<(StatusCode, Json<Dispatched>)> {
    let who = auth.counter()?.clone();
    let terms = state.settings.delivery.clone();
    let calendar = state.calendar();
    let now = state.clock.now();
    let s10 = state
        .blocking(move |db| {
            Ok(db.write(|tx| tracks::dispatch(tx, &who, &id, &req, &terms, &calendar, now))?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(Dispatched { s10 })))
}

/// `POST /v1/staff/items/{s10}/scan`: in transit / out for delivery;
/// answers the dossier's track.
pub async fn scan(
    State(state): State<AppState>,
    auth: Auth,
    Path(s10): Path<String>,
    Body(req): Body<ItemScan>,
) -> ApiResult<Json<Track>> {
    let who = auth.counter()?.clone();
    let tracked = state.clone();
    let viewer = who.clone();
    let now = state.clock.now();
    let item = state
        .blocking(move |db| Ok(db.write(|tx| tracks::scan(tx, &who, &s10, &req, now))?))
        .await?;
    super::track::load(&tracked, item, 0, Some(viewer))
        .await
        .map(Json)
}

/// `POST /v1/staff/visits`: books a home pickup on a field worklist.
pub async fn book_pickup(
    State(state): State<AppState>,
    auth: Auth,
    Body(req): Body<NewPickup>,
) -> ApiResult<(StatusCode, Json<Visit>)> {
    let who = auth.counter()?.clone();
    let terms = state.settings.delivery.clone();
    let catalogue = state.catalogue.data.clone();
    let now = state.clock.now();
    let visit = state
        .blocking(move |db| {
            Ok(db.write(|tx| visits::create_pickup(tx, &who, &req, &terms, &catalogue, now))?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(visit)))
}

/// `GET /v1/staff/worklist`: the signed-in staff member's open visits.
pub async fn worklist(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Worklist>> {
    let who = auth.field()?.clone();
    let list = state
        .blocking(move |db| Ok(db.read(|c| visits::worklist(c, &who))?))
        .await?;
    Ok(Json(list))
}

/// `POST /v1/staff/actions`: a batch of the device's log; every entry is
/// acknowledged (applied now, or stored before under its key).
pub async fn actions(
    State(state): State<AppState>,
    auth: Auth,
    Body(batch): Body<ActionBatch>,
) -> ApiResult<Json<BatchReply>> {
    let who = auth.field()?.clone();
    let calendar = state.calendar();
    let catalogue = state.catalogue.data.clone();
    let state_filing = state.settings.filing;
    let now = state.clock.now();
    let reply = state
        .blocking(move |db| {
            let ctx = field_sync::Context {
                calendar: &calendar,
                catalogue: &catalogue,
                filing: state_filing,
                now,
            };
            Ok(db.write(|tx| field_sync::receive(tx, &who, &batch, &ctx))?)
        })
        .await?;
    Ok(Json(reply))
}
