//! Appointment routes: free slots of an office, book (idempotent with a
//! key), list, cancel, reschedule.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::NaiveDate;
use dvc_core::CoreError;
use dvc_core::api::model::{Booking, NewBooking, Reschedule, Slot};
use serde::Deserialize;

use crate::auth::principal::Auth;
use crate::bookings;
use crate::edge::body::Body;
use crate::error::ApiResult;
use crate::idempotency;
use crate::state::AppState;

const BOOK_ROUTE: &str = "POST /v1/bookings";

/// `?date=YYYY-MM-DD`.
#[derive(Deserialize)]
pub struct DateQuery {
    date: String,
}

/// `GET /v1/offices/{id}/slots?date=YYYY-MM-DD`: bookable slots (public).
pub async fn slots(
    State(state): State<AppState>,
    Path(office_id): Path<String>,
    Query(q): Query<DateQuery>,
) -> ApiResult<Json<Vec<Slot>>> {
    let day = NaiveDate::parse_from_str(&q.date, "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            "date",
            "Ngày cần dạng NĂM-THÁNG-NGÀY.",
            "The date must be YYYY-MM-DD.",
        )
    })?;
    crate::edge::hygiene::check_date("date", day)?;
    let calendar = state.calendar();
    let rules = state.settings.booking;
    let now = state.clock.now();
    let list = state
        .blocking(move |db| {
            Ok(db.read(|c| bookings::slots(c, &office_id, day, &calendar, &rules, now))?)
        })
        .await?;
    Ok(Json(list))
}

/// `POST /v1/bookings`: a citizen books a slot.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Body(req): Body<NewBooking>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let who = auth.citizen()?.clone();
    let key = idempotency::key(&headers)?;
    let calendar = state.calendar();
    let rules = state.settings.booking;
    let now = state.clock.now();
    let catalogue = state.catalogue.data.clone();
    let answer = state
        .blocking(move |db| {
            Ok(db.write(|tx| {
                idempotency::create_once(tx, &who.account_id, key.as_deref(), BOOK_ROUTE, || {
                    bookings::book(tx, &who, &req, &calendar, &rules, &catalogue, now)
                })
            })?)
        })
        .await?;
    idempotency::respond(answer)
}

/// `GET /v1/bookings`: a citizen's bookings, or a staff member's office's.
pub async fn list(State(state): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<Booking>>> {
    let who = auth.citizen_or_counter()?.clone();
    let rules = state.settings.booking;
    let list = state
        .blocking(move |db| Ok(db.read(|c| bookings::list(c, &who, &rules))?))
        .await?;
    Ok(Json(list))
}

/// `POST /v1/bookings/{id}/cancel`: cancels (idempotent).
pub async fn cancel(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Booking>> {
    let who = auth.citizen()?.clone();
    let rules = state.settings.booking;
    let now = state.clock.now();
    let b = state
        .blocking(move |db| Ok(db.write(|tx| bookings::cancel(tx, &who, &id, &rules, now))?))
        .await?;
    Ok(Json(b))
}

/// `POST /v1/bookings/{id}/reschedule`: moves to another slot, or changes nothing.
pub async fn reschedule(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Body(req): Body<Reschedule>,
) -> ApiResult<Json<Booking>> {
    let who = auth.citizen()?.clone();
    let calendar = state.calendar();
    let rules = state.settings.booking;
    let now = state.clock.now();
    let b = state
        .blocking(move |db| {
            Ok(db.write(|tx| {
                bookings::reschedule(tx, &who, &id, req.slot_start, &calendar, &rules, now)
            })?)
        })
        .await?;
    Ok(Json(b))
}
