//! `GET /v1/holidays/{year}`: the days off of a year (the server's override
//! when one is set, else the Prime Minister's decision shipped with the
//! core, else the default rule) and swapped working days.

use axum::Json;
use axum::extract::{Path, State};
use dvc_core::calendar::YearOverride;

use crate::error::ApiResult;
use crate::state::AppState;

/// The year's calendar as an override record (phones store it as one).
pub async fn year(
    State(state): State<AppState>,
    Path(year): Path<i32>,
) -> ApiResult<Json<YearOverride>> {
    crate::edge::hygiene::check_year("year", year)?;
    Ok(Json(state.calendar().holidays().year(year)?))
}
