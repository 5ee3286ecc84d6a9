//! Bearer tokens: 256 random bits given to the client once; the server
//! keeps only their SHA-256, with the account and the expiry.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Transaction, params};
use sha2::{Digest, Sha256};

/// The stored form of a token.
pub fn digest(token: &str) -> String {
    dvc_core::ids::hex(&Sha256::digest(token.as_bytes()))
}

/// Creates a token for `account_id` valid for `ttl`, keeping at most
/// `max_sessions` (the newest); returns it and its expiry.
pub fn grant(
    tx: &Transaction<'_>,
    account_id: &str,
    ttl: Duration,
    max_sessions: u32,
    now: DateTime<Utc>,
) -> CoreResult<(String, DateTime<Utc>)> {
    let token = URL_SAFE_NO_PAD.encode(dvc_core::ids::random_bytes::<32>()?);
    let expires = now + chrono::Duration::from_std(ttl).map_err(CoreError::internal)?;
    tx.execute(
        "DELETE FROM token WHERE account_id = ?1 AND expires_at <= ?2",
        params![account_id, now.to_rfc3339()],
    )?;
    tx.execute(
        "INSERT INTO token (hash, account_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            digest(&token),
            account_id,
            expires.to_rfc3339(),
            now.to_rfc3339()
        ],
    )?;
    tx.execute(
        "DELETE FROM token WHERE account_id = ?1 AND hash NOT IN
             (SELECT hash FROM token WHERE account_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT ?2)",
        params![account_id, max_sessions.max(1)],
    )?;
    Ok((token, expires))
}

/// Ends a token (sign-out).
pub fn revoke(tx: &Transaction<'_>, token: &str) -> CoreResult<()> {
    tx.execute("DELETE FROM token WHERE hash = ?1", [digest(token)])?;
    Ok(())
}

/// Ends every session of `account_id` (password reset, disabled account).
pub fn revoke_all(tx: &Transaction<'_>, account_id: &str) -> CoreResult<usize> {
    Ok(tx.execute("DELETE FROM token WHERE account_id = ?1", [account_id])?)
}

/// Ends a token, telling whether it was a live one.
pub fn revoke_known(tx: &Transaction<'_>, token: &str) -> CoreResult<bool> {
    Ok(tx.execute("DELETE FROM token WHERE hash = ?1", [digest(token)])? > 0)
}
