//! Sign-in and sign-out: `/v1/auth/*` and `GET /v1/me`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use chrono::Utc;
use dvc_core::api::model::{
    CitizenSignIn, OtpRequest, OtpSent, Principal, StaffSignIn, TokenGrant,
};
use dvc_core::phone::normalize_phone;
use dvc_core::{CoreError, ErrorKind};
use rusqlite::{OptionalExtension, params};

use crate::auth::principal::{Auth, bearer, row_to_principal};
use crate::auth::{otp, password, token};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// `POST /v1/auth/otp`: sends a one-time code to a citizen's phone.
pub async fn request_code(
    State(state): State<AppState>,
    Json(req): Json<OtpRequest>,
) -> ApiResult<(StatusCode, Json<OtpSent>)> {
    let phone = normalize_phone(&req.phone)?;
    let code = otp::new_code()?;
    let settings = state.settings.clone();
    let (p, c) = (phone.clone(), code.clone());
    state
        .blocking(move |db| Ok(db.write(|tx| otp::issue(tx, &p, &c, &settings, Utc::now()))?))
        .await?;
    state.otp_sender.send(&phone, &code).map_err(|reason| {
        tracing::error!(reason, "code not sent");
        ApiError::from(CoreError::new(
            ErrorKind::Server,
            "",
            "Chưa gửi được mã xác thực. Vui lòng thử lại sau.",
            "The code could not be sent. Please try again later.",
        ))
    })?;
    let expires_in_secs = u32::try_from(state.settings.otp_ttl.as_secs()).unwrap_or(u32::MAX);
    Ok((
        StatusCode::ACCEPTED,
        Json(OtpSent {
            phone,
            expires_in_secs,
        }),
    ))
}

/// `POST /v1/auth/citizen`: trades a one-time code for a token, creating
/// the citizen's account on first sign-in.
pub async fn sign_in_citizen(
    State(state): State<AppState>,
    Json(req): Json<CitizenSignIn>,
) -> ApiResult<Json<TokenGrant>> {
    let phone = normalize_phone(&req.phone)?;
    let settings = state.settings.clone();
    let grant = state
        .blocking(move |db| {
            let now = Utc::now();
            let right = db.write(|tx| otp::redeem(tx, &phone, req.code.trim(), &settings, now))?;
            if !right {
                return Err(otp::wrong_code().into());
            }
            Ok(db.write(|tx| {
                let existing: Option<String> = tx
                    .query_row("SELECT id FROM account WHERE phone = ?1 AND kind = 'citizen'", [&phone], |r| r.get(0))
                    .optional()?;
                let id = match existing {
                    Some(id) => id,
                    None => {
                        let id = dvc_core::ids::new_id()?;
                        tx.execute(
                            "INSERT INTO account (id, kind, phone, created_at) VALUES (?1, 'citizen', ?2, ?3)",
                            params![id, phone, now.to_rfc3339()],
                        )?;
                        id
                    }
                };
                let (token, expires_at) = token::grant(tx, &id, settings.citizen_token_ttl, now)?;
                let principal = principal_by_id(tx, &id)?;
                Ok(TokenGrant { token, expires_at, principal })
            })?)
        })
        .await?;
    Ok(Json(grant))
}

/// `POST /v1/auth/staff`: username + password for a token.
pub async fn sign_in_staff(
    State(state): State<AppState>,
    Json(req): Json<StaffSignIn>,
) -> ApiResult<Json<TokenGrant>> {
    let settings = state.settings.clone();
    let grant = state
        .blocking(move |db| {
            let row: Option<(String, String)> = db.read(|c| {
                Ok(c.query_row(
                    "SELECT id, password_hash FROM account WHERE username = ?1 AND kind = 'staff'",
                    [req.username.trim()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
            })?;
            let hash = row.as_ref().map_or(password::decoy(), |(_, h)| h.as_str());
            let ok = password::verify(&req.password, hash);
            let Some((id, _)) = row.filter(|_| ok) else {
                return Err(CoreError::new(
                    ErrorKind::Unauthorised,
                    "",
                    "Sai tên đăng nhập hoặc mật khẩu.",
                    "Wrong username or password.",
                )
                .into());
            };
            Ok(db.write(|tx| {
                let (token, expires_at) =
                    token::grant(tx, &id, settings.staff_token_ttl, Utc::now())?;
                let principal = principal_by_id(tx, &id)?;
                Ok(TokenGrant {
                    token,
                    expires_at,
                    principal,
                })
            })?)
        })
        .await?;
    Ok(Json(grant))
}

/// `POST /v1/auth/logout`: ends the token of the request.
pub async fn sign_out(
    State(state): State<AppState>,
    parts: Parts,
) -> ApiResult<Json<serde_json::Value>> {
    let token = bearer(&parts).ok_or_else(ApiError::unauthenticated)?;
    state
        .blocking(move |db| Ok(db.write(|tx| token::revoke(tx, &token))?))
        .await?;
    Ok(Json(serde_json::json!({ "signed_out": true })))
}

/// `GET /v1/me`: who the token belongs to.
pub async fn me(Auth(principal): Auth) -> Json<Principal> {
    Json(principal)
}

fn principal_by_id(conn: &rusqlite::Connection, id: &str) -> dvc_core::CoreResult<Principal> {
    Ok(conn.query_row(
        "SELECT id, kind, phone, username, office_id, staff_role FROM account WHERE id = ?1",
        [id],
        row_to_principal,
    )?)
}
