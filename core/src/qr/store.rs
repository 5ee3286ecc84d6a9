//! The keyring cached on the device (keys and revocations, with the
//! server's ETag), so codes verify with no signal.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::keyring::Keyring;
use crate::error::CoreResult;

/// The cached keyring, its ETag and when it was fetched.
pub(crate) struct CachedKeyring {
    pub ring: Keyring,
    pub etag: Option<String>,
    pub fetched_at: DateTime<Utc>,
}

/// Stores `ring` as fetched at `at`.
pub(crate) fn save(
    tx: &Transaction<'_>,
    ring: &Keyring,
    etag: Option<&str>,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO keyring (id, data, etag, fetched_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET data = ?1, etag = ?2, fetched_at = ?3",
        params![serde_json::to_string(ring)?, etag, at.to_rfc3339()],
    )?;
    Ok(())
}

/// Marks the cached keyring as confirmed current at `at`.
pub(crate) fn touch(tx: &Transaction<'_>, at: DateTime<Utc>) -> CoreResult<()> {
    tx.execute(
        "UPDATE keyring SET fetched_at = ?1 WHERE id = 1",
        [at.to_rfc3339()],
    )?;
    Ok(())
}

/// The cached keyring, if any was ever fetched.
pub(crate) fn load(conn: &Connection) -> CoreResult<Option<CachedKeyring>> {
    let row: Option<(String, Option<String>, String)> = conn
        .query_row(
            "SELECT data, etag, fetched_at FROM keyring WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(data, etag, at)| {
        Ok(CachedKeyring {
            ring: serde_json::from_str(&data)?,
            etag,
            fetched_at: crate::time::parse_stored(&at)?,
        })
    })
    .transpose()
}
