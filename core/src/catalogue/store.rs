//! The catalogue version installed on the device, in SQLite: one row,
//! replaced in one transaction, so a version is swapped whole or not at all.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::CoreResult;

/// The installed catalogue: its JSON and the server's ETag, if any.
pub(crate) fn installed(conn: &Connection) -> CoreResult<Option<(String, Option<String>)>> {
    Ok(conn
        .query_row("SELECT data, etag FROM catalogue WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

/// Installs a catalogue version (replacing the one before).
pub(crate) fn install(
    tx: &Transaction<'_>,
    version: &str,
    json: &str,
    etag: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO catalogue (id, version, etag, data, installed_at) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET version = ?1, etag = ?2, data = ?3, installed_at = ?4",
        params![version, etag, json, now.to_rfc3339()],
    )?;
    Ok(())
}

/// What a stored search index was made from: the catalogue's version, its
/// length, and a hash of every 16th byte (cheap at 4 MB, and a different
/// catalogue under the same version and length is not a real case).
pub(crate) fn index_key(version: &str, json: &str) -> String {
    let sampled = json
        .as_bytes()
        .iter()
        .step_by(16)
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{version}:{}:{sampled:016x}", json.len())
}

/// The stored search index made for `key`, if that is the one stored.
pub(crate) fn search_index(conn: &Connection, key: &str) -> CoreResult<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT data FROM search_index WHERE id = 1 AND key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Stores the search index made for `key` (one row: the catalogue in use).
pub(crate) fn save_search_index(tx: &Transaction<'_>, key: &str, data: &[u8]) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO search_index (id, key, data) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET key = ?1, data = ?2",
        params![key, data],
    )?;
    Ok(())
}
