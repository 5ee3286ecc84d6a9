//! The office list cached on the device.

use rusqlite::{Connection, Transaction, params};

use crate::api::model::Office;
use crate::error::CoreResult;

/// Replaces the cached list.
pub(crate) fn replace_all(
    tx: &Transaction<'_>,
    offices: &[Office],
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    tx.execute("DELETE FROM office_cache", [])?;
    let now = now.to_rfc3339();
    for o in offices {
        tx.execute(
            "INSERT INTO office_cache (id, data, fetched_at) VALUES (?1, ?2, ?3)",
            params![o.id, serde_json::to_string(o)?, now],
        )?;
    }
    Ok(())
}

/// The cached list, in the server's order.
pub(crate) fn all(conn: &Connection) -> CoreResult<Vec<Office>> {
    let mut stmt = conn.prepare_cached("SELECT data FROM office_cache ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(serde_json::from_str(&json?)?);
    }
    Ok(out)
}
