//! The device's action log: every staff action is appended as the next
//! hash-chained entry, in the same transaction as its outbox entry (with a
//! fresh idempotency key), so an action is either fully recorded and due to
//! be sent, or not recorded at all.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::chain::{self, ChainLink, GENESIS};
use super::model::{ActionBody, ActionEntry, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::new_id;

pub(crate) const DEVICE_KEY: &str = "field.device_id";

/// This device's id for the log (made on first use, then kept).
pub(crate) fn device_id(tx: &Transaction<'_>) -> CoreResult<String> {
    if let Some(id) = stored_device_id(tx)? {
        return Ok(id);
    }
    let id = format!("dev-{}", new_id()?);
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)",
        params![DEVICE_KEY, id],
    )?;
    Ok(id)
}

/// The device id, if one was made.
pub(crate) fn stored_device_id(conn: &Connection) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([DEVICE_KEY], |r| r.get(0))
        .optional()?)
}

/// Appends `body` to the log and queues it for sending; returns the entry.
pub(crate) fn append(tx: &Transaction<'_>, body: &ActionBody) -> CoreResult<ActionEntry> {
    let device = device_id(tx)?;
    let (last_seq, prev): (u64, String) = tx
        .prepare_cached("SELECT seq, hash FROM field_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned()));
    let payload = serde_json::to_string(body)?;
    let link = chain::link(&device, last_seq + 1, &prev, payload.as_bytes());
    let key = new_id()?;
    let now = Utc::now().to_rfc3339();
    tx.prepare_cached(
        "INSERT INTO field_log (seq, key, prev_hash, hash, payload, visit_id, kind, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        link.seq as i64,
        key,
        link.prev_hash,
        link.hash,
        payload,
        body.action.visit_id(),
        body.action.kind(),
        now
    ])?;
    tx.prepare_cached("INSERT INTO outbox (key, log_seq, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![key, link.seq as i64, now])?;
    Ok(ActionEntry {
        key,
        seq: link.seq,
        prev_hash: link.prev_hash,
        hash: link.hash,
        payload,
    })
}

/// The oldest `limit` entries still in the outbox, in log order (walked
/// along the outbox's own index, so sent entries are not read again).
pub(crate) fn pending(conn: &Connection, limit: usize) -> CoreResult<Vec<ActionEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.key, l.seq, l.prev_hash, l.hash, l.payload
         FROM outbox o JOIN field_log l ON l.seq = o.log_seq ORDER BY o.log_seq LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit as i64], |r| {
            Ok(ActionEntry {
                key: r.get(0)?,
                seq: r.get::<_, i64>(1)? as u64,
                prev_hash: r.get(2)?,
                hash: r.get(3)?,
                payload: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Entries still to send.
pub(crate) fn pending_count(conn: &Connection) -> CoreResult<u32> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM outbox")?
        .query_row([], |r| r.get(0))?)
}

/// Checks the whole local log against its hash chain (a device-side audit:
/// the same check the server makes on sync).
pub(crate) fn verify_local(conn: &Connection) -> CoreResult<Option<chain::ChainBreak>> {
    let Some(device) = stored_device_id(conn)? else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare_cached("SELECT seq, prev_hash, hash, payload FROM field_log ORDER BY seq")?;
    let entries = stmt
        .query_map([], |r| {
            Ok((
                ChainLink {
                    device_id: device.clone(),
                    seq: r.get::<_, i64>(0)? as u64,
                    prev_hash: r.get(1)?,
                    hash: r.get(2)?,
                },
                r.get::<_, String>(3)?.into_bytes(),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(chain::verify_chain(None, &entries).err())
}

/// Records the server's answer for entry `key` and takes it out of the
/// outbox.
pub(crate) fn acknowledge(
    tx: &Transaction<'_>,
    key: &str,
    outcome: Outcome,
    reason: Option<&str>,
) -> CoreResult<bool> {
    // Runs once per entry of every reply: the statements are kept prepared.
    let removed = tx
        .prepare_cached("DELETE FROM outbox WHERE key = ?1")?
        .execute([key])?;
    if outcome != Outcome::Duplicate {
        tx.prepare_cached("UPDATE field_log SET outcome = ?2, reason = ?3 WHERE key = ?1")?
            .execute(params![key, outcome.as_str(), reason])?;
    } else {
        tx.prepare_cached(
            "UPDATE field_log SET outcome = coalesce(outcome, 'applied') WHERE key = ?1",
        )?
        .execute([key])?;
    }
    Ok(removed == 1)
}

/// Counts a failed send of the outbox's first `keys`.
pub(crate) fn note_failure(
    tx: &Transaction<'_>,
    keys: &[String],
    error: &CoreError,
) -> CoreResult<()> {
    let mut note = tx.prepare_cached(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE key = ?1",
    )?;
    for key in keys {
        note.execute(params![key, error.en()])?;
    }
    Ok(())
}

/// The latest local action on each visit: (visit id, kind, outcome).
pub(crate) fn latest_by_visit(
    conn: &Connection,
) -> CoreResult<std::collections::HashMap<String, (String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT visit_id, kind, outcome FROM field_log
         WHERE seq IN (SELECT max(seq) FROM field_log GROUP BY visit_id)",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Failed attempts on `visit_id` recorded here and not yet sent.
pub(crate) fn unsent_failures(conn: &Connection, visit_id: &str) -> CoreResult<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM field_log l JOIN outbox o ON o.log_seq = l.seq
         WHERE l.visit_id = ?1 AND l.kind = 'fail'",
        [visit_id],
        |r| r.get(0),
    )?)
}

/// Pickups and deliveries on `visit_id` recorded here and not turned down.
pub(crate) fn completions(conn: &Connection, visit_id: &str) -> CoreResult<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM field_log WHERE visit_id = ?1 AND kind IN ('pickup', 'deliver')
         AND coalesce(outcome, 'applied') <> 'rejected'",
        [visit_id],
        |r| r.get(0),
    )?)
}
