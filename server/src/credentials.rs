//! Signed QR credentials: the server's Ed25519 signing keys (rotated, old
//! public keys stay published so codes already issued still verify), the
//! revocation list, and issuing a code for a dossier.

use chrono::{DateTime, Duration, Utc};
use dvc_core::dossier::code::DossierCode;
use dvc_core::qr::issuer::Issuer;
use dvc_core::qr::keyring::{Keyring, Revocation, TrustedKey};
use dvc_core::qr::payload::{CodeContent, Credential, to_minute};
use dvc_core::storage::Database;
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// How long a code stays valid after it is issued (at least until the day
/// after the appointment).
pub const VALIDITY_DAYS: i64 = 30;

/// Makes sure a current signing key exists (the first start creates `k1`).
pub fn ensure_key(db: &Database, now: DateTime<Utc>) -> CoreResult<()> {
    db.write(|tx| current(tx, now).map(|_| ()))
}

/// The current signing key, created when there is none.
fn current(tx: &Transaction<'_>, now: DateTime<Utc>) -> CoreResult<Issuer> {
    let row: Option<(String, Vec<u8>)> = tx
        .query_row(
            "SELECT id, secret FROM signing_key WHERE valid_until IS NULL
             ORDER BY valid_from DESC, id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        Some((id, secret)) => {
            let secret: [u8; 32] = secret
                .try_into()
                .map_err(|_| CoreError::internal(format!("signing key {id} is not 32 bytes")))?;
            Ok(Issuer::from_secret(&id, secret))
        }
        None => add_key(tx, now),
    }
}

fn add_key(tx: &Transaction<'_>, now: DateTime<Utc>) -> CoreResult<Issuer> {
    let n: i64 = tx.query_row("SELECT count(*) FROM signing_key", [], |r| r.get(0))?;
    let issuer = Issuer::generate(&format!("k{}", n + 1))?;
    tx.execute(
        "INSERT INTO signing_key (id, secret, public_key, valid_from, valid_until, created_at)
         VALUES (?1, ?2, ?3, ?4, NULL, ?4)",
        params![
            issuer.key_id(),
            issuer.secret().to_vec(),
            issuer.public_key(),
            to_minute(now).to_rfc3339()
        ],
    )?;
    Ok(issuer)
}

/// Retires the current key (codes it signed stay valid) and starts a new
/// one at `now`; returns the new key as verifiers will see it.
pub fn rotate(db: &Database, now: DateTime<Utc>) -> CoreResult<TrustedKey> {
    db.write(|tx| {
        tx.execute(
            "UPDATE signing_key SET valid_until = ?1 WHERE valid_until IS NULL",
            [now.to_rfc3339()],
        )?;
        let issuer = add_key(tx, now)?;
        Ok(TrustedKey {
            id: issuer.key_id().to_owned(),
            public_key: issuer.public_key(),
            valid_from: to_minute(now),
            valid_until: None,
        })
    })
}

/// What verifiers need: every published key and the revocations.
pub fn keyring(conn: &Connection) -> CoreResult<Keyring> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, public_key, valid_from, valid_until FROM signing_key
         ORDER BY valid_from DESC, id DESC",
    )?;
    let keys = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(id, public_key, from, until)| {
            Ok(TrustedKey {
                id,
                public_key,
                valid_from: dvc_core::time::parse_stored(&from)?,
                valid_until: until
                    .as_deref()
                    .map(dvc_core::time::parse_stored)
                    .transpose()?,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT dossier_code, issued_before, reason FROM revocation ORDER BY created_at, dossier_code",
    )?;
    let revocations = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(dossier_code, before, reason)| {
            Ok(Revocation {
                dossier_code,
                issued_before: dvc_core::time::parse_stored(&before)?,
                reason,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(Keyring { keys, revocations })
}

/// Revokes every code of `code` issued before `before`.
pub fn revoke(
    tx: &Transaction<'_>,
    code: &str,
    before: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO revocation (dossier_code, issued_before, reason, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
        params![code, before.to_rfc3339(), reason, now.to_rfc3339()],
    )?;
    Ok(())
}

/// What a new code says about a dossier.
pub struct CodeFacts {
    /// The dossier code.
    pub code: DossierCode,
    /// What the code holds (its `issued_at` is replaced by the time of issue).
    pub content: CodeContent,
    /// When the previous code was issued, if any: the new one is issued
    /// strictly later so a revocation can tell them apart.
    pub previous: Option<DateTime<Utc>>,
}

/// Signs a code for `facts` with the current key; returns the text and
/// its issue time.
pub fn issue(
    tx: &Transaction<'_>,
    facts: CodeFacts,
    now: DateTime<Utc>,
) -> CoreResult<(String, DateTime<Utc>)> {
    let issuer = current(tx, now)?;
    let mut issued_at = to_minute(now);
    if let Some(prev) = facts.previous
        && issued_at <= prev
    {
        issued_at = prev + Duration::minutes(1);
    }
    let mut expires_at = issued_at + Duration::days(VALIDITY_DAYS);
    if let Some(appointment) = facts.content.appointment {
        expires_at = expires_at.max(to_minute(appointment) + Duration::days(1));
    }
    let credential = Credential {
        key_id: issuer.key_id().to_owned(),
        dossier_code: facts.code,
        content: CodeContent {
            issued_at,
            appointment: facts.content.appointment.map(to_minute),
            ..facts.content
        },
        expires_at,
    };
    let text = issuer
        .sign(&credential)
        .map_err(|e| CoreError::internal(format!("cannot sign the code of {}: {e}", facts.code)))?;
    Ok((text, issued_at))
}
