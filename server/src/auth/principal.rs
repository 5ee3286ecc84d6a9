//! The extractor that turns `Authorization: Bearer …` into the signed-in
//! [`Principal`], and the rules of who may see what.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::Utc;
use dvc_core::api::model::{AccountKind, Principal, StaffRole};
use rusqlite::{Connection, OptionalExtension, params};

use super::token::digest;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The signed-in account of a request; rejects the request with 401 when
/// the token is missing, unknown or expired.
#[derive(Debug, Clone)]
pub struct Auth(pub Principal);

/// The bearer token of a request, if any.
pub fn bearer(parts: &Parts) -> Option<String> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim().to_owned())
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(ApiError::unauthenticated)?;
        let now = state.clock.now();
        let principal = state
            .blocking(move |db| {
                db.read(|c| Ok(lookup(c, &token, now)?))
                    .map_err(ApiError::from)
            })
            .await?;
        principal.map(Auth).ok_or_else(ApiError::unauthenticated)
    }
}

/// The signed-in account of a request if it carries a live token; a
/// missing or dead token is simply "nobody" (public routes).
#[derive(Debug, Clone)]
pub struct MaybeAuth(pub Option<Principal>);

impl FromRequestParts<AppState> for MaybeAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if bearer(parts).is_none() {
            return Ok(MaybeAuth(None));
        }
        match Auth::from_request_parts(parts, state).await {
            Ok(Auth(who)) => Ok(MaybeAuth(Some(who))),
            Err(e) if e.status() == axum::http::StatusCode::UNAUTHORIZED => Ok(MaybeAuth(None)),
            Err(e) => Err(e),
        }
    }
}

fn lookup(
    conn: &Connection,
    token: &str,
    now: chrono::DateTime<Utc>,
) -> rusqlite::Result<Option<Principal>> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    conn.prepare_cached(
        "SELECT a.id, a.kind, a.phone, a.username, a.office_id, a.staff_role
         FROM token t JOIN account a ON a.id = t.account_id
         WHERE t.hash = ?1 AND t.expires_at > ?2 AND a.disabled_at IS NULL",
    )?
    .query_row(params![digest(token), now.to_rfc3339()], row_to_principal)
    .optional()
}

/// Reads an account row (`id, kind, phone, username, office_id, staff_role`).
pub fn row_to_principal(r: &rusqlite::Row<'_>) -> rusqlite::Result<Principal> {
    let kind: String = r.get(1)?;
    let role: Option<String> = r.get(5)?;
    Ok(Principal {
        account_id: r.get(0)?,
        kind: if kind == "staff" {
            AccountKind::Staff
        } else {
            AccountKind::Citizen
        },
        phone: r.get(2)?,
        username: r.get(3)?,
        office_id: r.get(4)?,
        staff_role: role.as_deref().and_then(StaffRole::parse),
    })
}

impl Auth {
    /// Only staff may do this.
    pub fn staff(&self) -> ApiResult<&Principal> {
        match self.0.kind {
            AccountKind::Staff => Ok(&self.0),
            AccountKind::Citizen => Err(ApiError::forbidden()),
        }
    }

    /// Only counter staff may do this: the office side (status changes,
    /// hand-over to the post, item scans, pickups booked, office lists).
    pub fn counter(&self) -> ApiResult<&Principal> {
        self.staff_with(StaffRole::Counter)
    }

    /// Only field staff may do this: their worklist and field actions.
    pub fn field(&self) -> ApiResult<&Principal> {
        self.staff_with(StaffRole::Field)
    }

    /// A citizen (their own things) or counter staff (their office's).
    pub fn citizen_or_counter(&self) -> ApiResult<&Principal> {
        match self.0.kind {
            AccountKind::Citizen => Ok(&self.0),
            AccountKind::Staff => self.counter(),
        }
    }

    fn staff_with(&self, role: StaffRole) -> ApiResult<&Principal> {
        let who = self.staff()?;
        if who.staff_role == Some(role) {
            Ok(who)
        } else {
            Err(ApiError::forbidden())
        }
    }

    /// Only citizens may do this.
    pub fn citizen(&self) -> ApiResult<&Principal> {
        match self.0.kind {
            AccountKind::Citizen => Ok(&self.0),
            AccountKind::Staff => Err(ApiError::forbidden()),
        }
    }
}
