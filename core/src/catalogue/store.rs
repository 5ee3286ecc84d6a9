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
