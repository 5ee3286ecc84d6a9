//! The signed-in session as the app sees it, and how it is kept.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::model::{Principal, TokenGrant};
use crate::error::{CoreError, CoreResult};
use crate::platform::SecureStore;

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
    pub others_unsent: u32,
}

/// What signing out would remove or hold up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SignOutCheck {
    /// Draft dossiers that signing out deletes.
    pub drafts: u32,
    /// This account's field actions not yet sent (sign-out waits for them).
    pub unsent_actions: u32,
}

/// Reads the stored grant; an expired or unreadable one counts as none.
pub(crate) fn load_grant(store: &dyn SecureStore) -> CoreResult<Option<TokenGrant>> {
    let Some(raw) = store.load(SESSION_KEY.to_owned())? else {
        return Ok(None);
    };
    match serde_json::from_str::<TokenGrant>(&raw) {
        Ok(grant) if grant.expires_at > Utc::now() => Ok(Some(grant)),
        Ok(_) => Ok(None),
        Err(e) => {
            tracing::warn!(error = %e, "stored session unreadable; signing out");
            store.delete(SESSION_KEY.to_owned())?;
            Ok(None)
        }
    }
}

/// The stored grant even when it has expired (who held the device last).
pub(crate) fn load_any_grant(store: &dyn SecureStore) -> CoreResult<Option<TokenGrant>> {
    Ok(store
        .load(SESSION_KEY.to_owned())?
        .and_then(|raw| serde_json::from_str(&raw).ok()))
}

/// Keeps `grant` as the current session.
pub(crate) fn save_grant(store: &dyn SecureStore, grant: &TokenGrant) -> CoreResult<()> {
    store.save(SESSION_KEY.to_owned(), serde_json::to_string(grant)?)
}

/// Forgets the current session.
pub(crate) fn clear_grant(store: &dyn SecureStore) -> CoreResult<()> {
    store.delete(SESSION_KEY.to_owned())
}

/// The bearer token of the current session, or "signed out".
pub(crate) fn require_token(store: &dyn SecureStore) -> CoreResult<String> {
    load_grant(store)?
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
