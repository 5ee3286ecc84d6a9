//! Sign-in and sign-out: `/v1/auth/*` and `GET /v1/me`. Every sign-in
//! path is rate-limited per client address and globally, and locked per
//! phone or staff account after a run of wrong tries (see `auth::guard`);
//! password checks run on a few dedicated threads so a flood cannot
//! exhaust memory (see `auth::checker`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use dvc_core::api::model::{
    CitizenSignIn, OtpRequest, OtpSent, Principal, StaffSignIn, TokenGrant,
};
use dvc_core::phone::normalize_phone;
use dvc_core::{CoreError, ErrorKind};
use rusqlite::{OptionalExtension, params};

use crate::auth::guard::{self, Policy};
use crate::auth::principal::{Auth, bearer, row_to_principal};
use crate::auth::{otp, password, token};
use crate::edge::body::Body;
use crate::edge::client::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The answer while a phone or an account is locked.
fn locked(wait: std::time::Duration) -> ApiError {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    ApiError::too_many(
        dvc_core::Reason::Locked,
        wait,
        format!("Đã nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút."),
        format!("Too many wrong tries. Please try again in {minutes} minutes."),
    )
}

/// `POST /v1/auth/otp`: sends a one-time code to a citizen's phone.
pub async fn request_code(
    State(state): State<AppState>,
    client: ClientAddr,
    Body(req): Body<OtpRequest>,
) -> ApiResult<(StatusCode, Json<OtpSent>)> {
    let rates = &state.settings.rates;
    state.count(
        |c| &c.code_requests,
        &client.0,
        rates.code_requests_per_address,
    )?;
    state.count(|c| &c.code_requests_all, &(), rates.code_requests_global)?;
    let phone = normalize_phone(&req.phone)?;
    let code = otp::new_code()?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let (p, c) = (phone.clone(), code.clone());
    state
        .blocking(move |db| {
            db.write(|tx| {
                let subject = guard::phone(&p);
                if let Some(wait) = guard::locked(tx, &subject, now)? {
                    return Ok(Err(locked(wait)));
                }
                otp::issue(tx, &p, &c, &settings, now)?;
                if !guard::count_send(tx, &subject, settings.rates.codes_per_phone_per_day, now)? {
                    return Err(daily_limit(settings.rates.codes_per_phone_per_day));
                }
                Ok(Ok(()))
            })
            .map_err(|e| daily_limit_answer(e, now))?
        })
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
    let expires_in_secs = i32::try_from(state.settings.otp_ttl.as_secs()).unwrap_or(i32::MAX);
    Ok((
        StatusCode::ACCEPTED,
        Json(OtpSent {
            phone,
            expires_in_secs,
        }),
    ))
}

fn daily_limit(per_day: u32) -> CoreError {
    CoreError::conflict(
        dvc_core::Reason::DailyCodeLimit,
        format!("Số điện thoại này đã nhận {per_day} mã hôm nay. Vui lòng thử lại vào ngày mai."),
        format!("This phone has had {per_day} codes today. Please try again tomorrow."),
    )
}

/// The daily cap answers 429 with the wait until the next day.
fn daily_limit_answer(err: CoreError, now: DateTime<Utc>) -> ApiError {
    if err.code() == Some(dvc_core::Reason::DailyCodeLimit) {
        ApiError::too_many(
            dvc_core::Reason::DailyCodeLimit,
            guard::until_tomorrow(now),
            err.vi().to_owned(),
            err.en().to_owned(),
        )
    } else {
        err.into()
    }
}

/// `POST /v1/auth/citizen`: trades a one-time code for a token, creating
/// the citizen's account on first sign-in.
pub async fn sign_in_citizen(
    State(state): State<AppState>,
    client: ClientAddr,
    Body(req): Body<CitizenSignIn>,
) -> ApiResult<Json<TokenGrant>> {
    let rates = &state.settings.rates;
    state.count(|c| &c.code_checks, &client.0, rates.code_checks_per_address)?;
    state.count(|c| &c.code_checks_all, &(), rates.code_checks_global)?;
    let phone = normalize_phone(&req.phone)?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let grant = state
        .blocking(move |db| {
            let policy = Policy {
                failures_before_lock: settings.rates.code_failures_before_lock,
                first_lock: settings.rates.code_lock,
            };
            let subject = guard::phone(&phone);
            // The lock, the check and the count of a wrong try commit together.
            db.write(|tx| {
                if let Some(wait) = guard::locked(tx, &subject, now)? {
                    return Ok(Err(locked(wait)));
                }
                if otp::redeem(tx, &phone, req.code.trim(), &settings, now)? {
                    guard::succeeded(tx, &subject)?;
                    return Ok(Ok(()));
                }
                Ok(Err(match guard::failed(tx, &subject, policy, now)? {
                    Some(wait) => locked(wait),
                    None => otp::wrong_code().into(),
                }))
            })??;
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
                let (token, expires_at) = token::grant(
                    tx,
                    &id,
                    settings.citizen_token_ttl,
                    settings.rates.citizen_sessions,
                    now,
                )?;
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
    client: ClientAddr,
    Body(req): Body<StaffSignIn>,
) -> ApiResult<Json<TokenGrant>> {
    let rates = state.settings.rates.clone();
    state.count(
        |c| &c.staff_sign_ins,
        &client.0,
        rates.staff_sign_ins_per_address,
    )?;
    let username = req.username.trim().to_owned();
    crate::edge::hygiene::check_text("username", &username, 64)?;
    if req.password.chars().count() > 1024 {
        return Err(CoreError::invalid(
            "password",
            "Mật khẩu dài quá 1024 ký tự.",
            "The password is longer than 1024 characters.",
        )
        .into());
    }
    let subject = guard::staff(&username);
    let now = state.clock.now();
    let (s, who) = (subject.clone(), username.clone());
    let row: Option<(String, String, bool)> = state
        .blocking(move |db| {
            db.read(|c| {
                if let Some(wait) = guard::locked(c, &s, now)? {
                    return Ok(Err(locked(wait)));
                }
                Ok(Ok(c
                    .query_row(
                        "SELECT id, password_hash, disabled_at IS NOT NULL FROM account
                         WHERE username = ?1 AND kind = 'staff'",
                        [&who],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?))
            })?
        })
        .await?;
    // Checked on the password threads (bounded memory, see auth::checker).
    let hash = row
        .as_ref()
        .map_or(password::decoy(), |(_, h, _)| h.as_str())
        .to_owned();
    let ok = state
        .counters
        .passwords
        .verify(req.password, hash)
        .await
        .ok_or_else(busy)?;
    let settings = state.settings.clone();
    let grant = state
        .blocking(move |db| {
            let policy = Policy {
                failures_before_lock: settings.rates.staff_failures_before_lock,
                first_lock: settings.rates.staff_lock,
            };
            let Some((id, _, disabled)) = row.filter(|_| ok) else {
                let lock = db.write(|tx| guard::failed(tx, &subject, policy, now))?;
                return Err(match lock {
                    Some(wait) => locked(wait),
                    None => CoreError::new(
                        ErrorKind::Unauthorised,
                        "",
                        "Sai tên đăng nhập hoặc mật khẩu.",
                        "Wrong username or password.",
                    )
                    .into(),
                });
            };
            if disabled {
                return Err(ApiError::with_status(
                    StatusCode::FORBIDDEN,
                    CoreError::new(
                        ErrorKind::Unauthorised,
                        "account_disabled",
                        "Tài khoản này đã bị khoá. Hãy liên hệ quản trị của bưu cục.",
                        "This account is disabled. Ask your office's administrator.",
                    ),
                ));
            }
            Ok(db.write(|tx| {
                guard::succeeded(tx, &subject)?;
                let (token, expires_at) = token::grant(
                    tx,
                    &id,
                    settings.staff_token_ttl,
                    settings.rates.staff_sessions,
                    now,
                )?;
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

fn busy() -> ApiError {
    CoreError::new(
        ErrorKind::Server,
        "",
        "Máy chủ đang bận. Vui lòng thử đăng nhập lại sau giây lát.",
        "The server is busy. Please try signing in again in a moment.",
    )
    .into()
}

/// `POST /v1/auth/logout`: ends the token of the request (401 when the
/// token is not a live one).
pub async fn sign_out(
    State(state): State<AppState>,
    parts: Parts,
) -> ApiResult<Json<serde_json::Value>> {
    let token = bearer(&parts).ok_or_else(ApiError::unauthenticated)?;
    let known = state
        .blocking(move |db| Ok(db.write(|tx| token::revoke_known(tx, &token))?))
        .await?;
    if !known {
        return Err(ApiError::unauthenticated());
    }
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
