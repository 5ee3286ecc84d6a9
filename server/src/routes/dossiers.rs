//! `/v1/dossiers`: citizens file, read and withdraw their own dossiers;
//! staff read their office's (by id or by dossier code, as after a scan).
//! Anyone else's dossier is "not found", never "forbidden", so ids cannot
//! be probed.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use dvc_core::api::model::{Dossier, NewDossier};
use serde::Deserialize;

use crate::auth::principal::Auth;
use crate::dossiers;
use crate::edge::body::Body;
use crate::error::ApiResult;
use crate::idempotency;
use crate::state::AppState;

const CREATE_ROUTE: &str = "POST /v1/dossiers";

/// The largest `offset` a page may start at.
const MAX_OFFSET: u32 = 1_000_000;

/// `?limit=N&offset=M`: one page of a list.
#[derive(Debug, Deserialize)]
pub struct Page {
    #[serde(default)]
    limit: Option<u32>,
    #[serde(default)]
    offset: Option<u32>,
}

/// `GET /v1/dossiers?limit=N&offset=M`: the dossiers the account may see,
/// newest first, a page at a time (at most 200, the default).
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(page): Query<Page>,
) -> ApiResult<Json<Vec<Dossier>>> {
    let who = auth.citizen_or_counter()?.clone();
    let max = state.settings.filing.max_page;
    let limit = page.limit.unwrap_or(max);
    if limit == 0 || limit > max {
        return Err(dvc_core::CoreError::invalid(
            "limit",
            format!("Mỗi trang từ 1 đến {max} hồ sơ."),
            format!("A page holds 1 to {max} dossiers."),
        )
        .into());
    }
    let offset = page.offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(dvc_core::CoreError::invalid(
            "offset",
            format!("Bỏ qua tối đa {MAX_OFFSET} hồ sơ."),
            format!("At most {MAX_OFFSET} dossiers can be skipped."),
        )
        .into());
    }
    let list = state
        .blocking(move |db| Ok(db.read(|c| dossiers::page(c, &who, limit, offset))?))
        .await?;
    Ok(Json(list))
}

/// `GET /v1/dossiers/{id}`: one dossier the account may see, by server id
/// or by dossier code.
pub async fn get_one(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Dossier>> {
    let who = auth.citizen_or_counter()?.clone();
    let found = state
        .blocking(move |db| Ok(db.read(|c| dossiers::visible(c, &who, Some(&id)))?))
        .await?;
    found
        .into_iter()
        .next()
        .map(Json)
        .ok_or_else(|| dossiers::not_found().into())
}

/// `POST /v1/dossiers`: a citizen files a dossier and gets its code and
/// signed QR (idempotent with a key).
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Body(req): Body<NewDossier>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let who = auth.citizen()?.clone();
    let key = idempotency::key(&headers)?;
    let catalogue = state.catalogue.data.clone();
    let limits = state.settings.filing;
    let files = state.settings.files.limits;
    let now = state.clock.now();
    let answer = state
        .blocking(move |db| {
            Ok(db.write(|tx| {
                idempotency::create_once(tx, &who.account_id, key.as_deref(), CREATE_ROUTE, || {
                    dossiers::file(tx, &who, &req, &catalogue, &limits, &files, now)
                })
            })?)
        })
        .await?;
    idempotency::respond(answer)
}

/// `POST /v1/dossiers/{id}/withdraw`: the citizen withdraws a dossier not
/// yet in process (status 7); its QR codes are revoked. Repeating it is
/// harmless.
pub async fn withdraw(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Dossier>> {
    let who = auth.citizen()?.clone();
    let now = state.clock.now();
    let dossier = state
        .blocking(move |db| Ok(db.write(|tx| dossiers::withdraw(tx, &who, &id, now))?))
        .await?;
    Ok(Json(dossier))
}

/// `POST /v1/pickups`: a citizen asks for their papers to be collected at
/// home; answers the pickup visit booked.
pub async fn request_pickup(
    State(state): State<AppState>,
    auth: Auth,
    Body(req): Body<dvc_core::field::model::PickupRequest>,
) -> ApiResult<(StatusCode, Json<dvc_core::field::model::Visit>)> {
    let who = auth.citizen()?.clone();
    let terms = state.settings.delivery.clone();
    let calendar = state.calendar();
    let catalogue = state.catalogue.data.clone();
    let now = state.clock.now();
    let visit = state
        .blocking(move |db| {
            Ok(db.write(|tx| {
                crate::visits::request_pickup(tx, &who, &req, &terms, &calendar, &catalogue, now)
            })?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(visit)))
}
