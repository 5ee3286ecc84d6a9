//! The signed-in session as the app sees it, and how it is kept.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::model::{Principal, TokenGrant};
use crate::context::Context;
use crate::error::{CoreError, CoreResult};

/// The key under which the token grant is kept in the secure store.
const SESSION_KEY: &str = "dvc.session";

/// Phiên đăng nhập: who is signed in and until when (the token itself stays
/// inside the core).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Session {
    /// Who is signed in.
    pub principal: Principal,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
    /// Field actions another account recorded on this phone and has not
    /// sent yet: they wait for that account to sign in again (tell the
    /// person: the phone holds someone else's unsent work).
    #[serde(default)]
    pub others_unsent: i32,
}

/// What signing out would remove or hold up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SignOutCheck {
    /// Draft dossiers that signing out deletes.
    pub drafts: i32,
    /// This account's field actions not yet sent (sign-out waits for them).
    pub unsent_actions: i32,
}

/// The stored grant even when it has expired (who held the device last).
/// The secure store (Keychain, Keystore: slow, and blocking) is read once;
/// after that the grant comes from memory, kept in step by
/// [`save_grant`] and [`clear_grant`].
pub(crate) fn load_any_grant(ctx: &Context) -> CoreResult<Option<TokenGrant>> {
    let mut cached = ctx.session.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(grant) = cached.as_ref() {
        return Ok(grant.clone());
    }
    let grant = match ctx.store.load(SESSION_KEY.to_owned())? {
        None => None,
        Some(raw) => match serde_json::from_str::<TokenGrant>(&raw) {
            Ok(grant) => Some(grant),
            Err(e) => {
                tracing::warn!(error = %e, "stored session unreadable; signing out");
                ctx.store.delete(SESSION_KEY.to_owned())?;
                None
            }
        },
    };
    *cached = Some(grant.clone());
    Ok(grant)
}

/// The current session's grant; an expired one (by the core's clock)
/// counts as none.
pub(crate) fn load_grant(ctx: &Context) -> CoreResult<Option<TokenGrant>> {
    let now = ctx.now();
    Ok(load_any_grant(ctx)?.filter(|g| g.expires_at > now))
}

/// Keeps `grant` as the current session.
pub(crate) fn save_grant(ctx: &Context, grant: &TokenGrant) -> CoreResult<()> {
    ctx.store
        .save(SESSION_KEY.to_owned(), serde_json::to_string(grant)?)?;
    *ctx.session.lock().unwrap_or_else(|p| p.into_inner()) = Some(Some(grant.clone()));
    Ok(())
}

/// Forgets the current session.
pub(crate) fn clear_grant(ctx: &Context) -> CoreResult<()> {
    ctx.store.delete(SESSION_KEY.to_owned())?;
    *ctx.session.lock().unwrap_or_else(|p| p.into_inner()) = Some(None);
    Ok(())
}

/// The bearer token of the current session, or "signed out".
pub(crate) fn require_token(ctx: &Context) -> CoreResult<String> {
    load_grant(ctx)?
        .map(|g| g.token)
        .ok_or_else(CoreError::signed_out)
}

impl From<TokenGrant> for Session {
    fn from(grant: TokenGrant) -> Self {
        Session {
            principal: grant.principal,
            expires_at: grant.expires_at,
            others_unsent: 0,
        }
    }
}
