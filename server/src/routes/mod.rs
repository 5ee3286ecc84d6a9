//! The HTTP API: one table of routes (the single source for the router and
//! for the check against `docs/openapi.json`), and a fallback that marks
//! requests no route serves.

mod accounts;
mod bookings;
mod catalogue;
mod dossiers;
pub(crate) mod etag;
mod files;
mod health;
mod holidays;
mod keys;
mod offices;
mod staff;
mod track;
mod uploads;

use axum::Extension;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, get, post, put};

use crate::edge::body::BodyLimit;
use crate::state::AppState;

/// Set on responses to requests that matched no route.
pub const NO_ROUTE_HEADER: &str = "x-dvc-no-route";

/// Every route the server serves: method, path (OpenAPI template syntax).
pub fn table() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![
        ("get", "/v1/health", get(health::health)),
        ("post", "/v1/auth/otp", post(accounts::request_code)),
        ("post", "/v1/auth/citizen", post(accounts::sign_in_citizen)),
        ("post", "/v1/auth/staff", post(accounts::sign_in_staff)),
        ("post", "/v1/auth/logout", post(accounts::sign_out)),
        ("get", "/v1/me", get(accounts::me)),
        ("get", "/v1/offices", get(offices::list)),
        ("get", "/v1/catalogue", get(catalogue::get)),
        ("get", "/v1/holidays/{year}", get(holidays::year)),
        ("get", "/v1/offices/{id}/slots", get(bookings::slots)),
        ("get", "/v1/bookings", get(bookings::list)),
        ("post", "/v1/bookings", post(bookings::create)),
        ("post", "/v1/bookings/{id}/cancel", post(bookings::cancel)),
        (
            "post",
            "/v1/bookings/{id}/reschedule",
            post(bookings::reschedule),
        ),
        ("get", "/v1/dossiers", get(dossiers::list)),
        ("post", "/v1/dossiers", post(dossiers::create)),
        ("get", "/v1/dossiers/{id}", get(dossiers::get_one)),
        (
            "post",
            "/v1/dossiers/{id}/withdraw",
            post(dossiers::withdraw),
        ),
        ("get", "/v1/dossiers/{id}/files", get(files::list)),
        (
            "get",
            "/v1/dossiers/{id}/files/{sha256}",
            get(files::get_one),
        ),
        ("post", "/v1/uploads", post(uploads::create)),
        ("get", "/v1/uploads/{id}", get(uploads::get)),
        ("put", "/v1/uploads/{id}", put(uploads::put_chunk)),
        ("post", "/v1/uploads/{id}/complete", post(uploads::complete)),
        ("post", "/v1/pickups", post(dossiers::request_pickup)),
        ("get", "/v1/keys", get(keys::get)),
        ("get", "/v1/track/{key}", get(track::get)),
        ("get", "/v1/delivery/terms", get(track::terms)),
        (
            "post",
            "/v1/staff/dossiers/{id}/status",
            post(staff::status),
        ),
        (
            "post",
            "/v1/staff/dossiers/{id}/dispatch",
            post(staff::dispatch),
        ),
        ("post", "/v1/staff/items/{s10}/scan", post(staff::scan)),
        ("post", "/v1/staff/visits", post(staff::book_pickup)),
        ("get", "/v1/staff/worklist", get(staff::worklist)),
        ("post", "/v1/staff/actions", post(staff::actions)),
    ]
}

/// The (method, path) pairs of [`table`].
pub fn served() -> Vec<(&'static str, &'static str)> {
    table().into_iter().map(|(m, p, _)| (m, p)).collect()
}

/// The router for [`table`].
pub fn router(state: AppState) -> Router {
    let edge = state.settings.edge.clone();
    let mut router = Router::new();
    let mut by_path: Vec<(&str, MethodRouter<AppState>)> = Vec::new();
    for (_, path, method_router) in table() {
        // A field device's batch may carry up to 1,000 actions.
        let method_router = match path {
            "/v1/staff/actions" => method_router.layer(Extension(BodyLimit(edge.batch_body_limit))),
            // One chunk of an upload.
            "/v1/uploads/{id}" => {
                method_router.layer(Extension(BodyLimit(state.settings.files.chunk_bytes)))
            }
            _ => method_router,
        };
        match by_path.iter_mut().find(|(p, _)| *p == path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(method_router),
            None => by_path.push((path, method_router)),
        }
    }
    for (path, method_router) in by_path {
        router = router.route(path, method_router);
    }
    router
        .fallback(no_route)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::faults::inject,
        ))
        .layer(Extension(BodyLimit(edge.body_limit)))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::edge::guard::guard,
        ))
        .with_state(state)
}

async fn no_route() -> impl IntoResponse {
    let body = dvc_core::api::model::ErrorBody {
        error: "not_found".to_owned(),
        field: None,
        reason: None,
        vi: "Không có địa chỉ này trên máy chủ.".to_owned(),
        en: "No such address on this server.".to_owned(),
    };
    (
        StatusCode::NOT_FOUND,
        [(
            HeaderName::from_static(NO_ROUTE_HEADER),
            HeaderValue::from_static("1"),
        )],
        axum::Json(body),
    )
}
