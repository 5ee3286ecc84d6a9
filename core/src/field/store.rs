//! The on-device worklist: the visits last fetched, and where the rounds
//! start, so the day's work shows with no signal.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::model::{Visit, Worklist};
use crate::error::CoreResult;

const META_KEY: &str = "field.worklist";

/// Replaces the stored worklist with `list`.
pub(crate) fn replace(
    tx: &Transaction<'_>,
    list: &Worklist,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    let now = now.to_rfc3339();
    tx.execute("DELETE FROM worklist_visit", [])?;
    for v in &list.visits {
        tx.execute(
            "INSERT INTO worklist_visit (id, data, fetched_at) VALUES (?1, ?2, ?3)",
            params![v.id, serde_json::to_string(v)?, now],
        )?;
    }
    let mut meta = list.clone();
    meta.visits.clear();
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = ?2",
        params![META_KEY, serde_json::to_string(&meta)?],
    )?;
    Ok(())
}

/// The stored worklist (visits in window order), if one was fetched.
pub(crate) fn load(conn: &Connection) -> CoreResult<Option<Worklist>> {
    let meta: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [META_KEY],
            |r| r.get(0),
        )
        .optional()?;
    let Some(meta) = meta else {
        return Ok(None);
    };
    let mut list: Worklist = serde_json::from_str(&meta)?;
    let mut stmt = conn.prepare_cached("SELECT data FROM worklist_visit")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    list.visits = rows
        .iter()
        .map(|d| serde_json::from_str::<Visit>(d))
        .collect::<Result<_, _>>()?;
    list.visits
        .sort_by(|a, b| a.window_start.cmp(&b.window_start).then(a.id.cmp(&b.id)));
    Ok(Some(list))
}

/// One stored visit.
pub(crate) fn visit(conn: &Connection, id: &str) -> CoreResult<Option<Visit>> {
    let data: Option<String> = conn
        .query_row("SELECT data FROM worklist_visit WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(data.map(|d| serde_json::from_str(&d)).transpose()?)
}
