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

/// The settings key of the legacy device id (before logs were kept per
/// account), still read by [`claim_unowned`] and the salvage of old files.
pub(crate) const DEVICE_KEY: &str = "field.device_id";

/// The settings key of `account`'s device id.
fn device_key(account: &str) -> String {
    format!("{DEVICE_KEY}:{account}")
}

/// `account`'s device id for its log (made on first use, then kept). Each
/// account on a shared phone has its own id and chain, so the server never
/// sees one account's entries in another's chain.
pub(crate) fn device_id(tx: &Transaction<'_>, account: &str) -> CoreResult<String> {
    if let Some(id) = stored_device_id(tx, account)? {
        return Ok(id);
    }
    let id = format!("dev-{}", new_id()?);
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)",
        params![device_key(account), id],
    )?;
    Ok(id)
}

/// `account`'s device id, if one was made.
pub(crate) fn stored_device_id(conn: &Connection, account: &str) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([device_key(account)], |r| r.get(0))
        .optional()?)
}

/// Gives entries recorded before logs were kept per account (and the
/// legacy device id they were hashed under) to `account`, unless the
/// account already keeps a chain of its own.
pub(crate) fn claim_unowned(tx: &Transaction<'_>, account: &str) -> CoreResult<()> {
    let own: i64 = tx.query_row(
        "SELECT count(*) FROM field_log WHERE account_id = ?1",
        [account],
        |r| r.get(0),
    )?;
    if own > 0 {
        // Two chains cannot become one: the old entries stay unowned (kept,
        // never sent under the wrong chain) for the office to import.
        return Ok(());
    }
    tx.execute(
        "UPDATE field_log SET account_id = ?1 WHERE account_id = ''",
        [account],
    )?;
    tx.execute(
        "UPDATE OR REPLACE settings SET key = ?1 WHERE key = ?2",
        params![device_key(account), DEVICE_KEY],
    )?;
    Ok(())
}

/// Appends `body` to `account`'s log and queues it for sending; returns the
/// entry (its `seq` is the entry's number in that account's chain).
pub(crate) fn append(
    tx: &Transaction<'_>,
    account: &str,
    body: &ActionBody,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<ActionEntry> {
    let payload = serde_json::to_string(body)?;
    let action = Recorded {
        payload,
        visit_id: body.action.visit_id(),
        kind: body.action.kind(),
    };
    append_recorded(tx, account, action, now)
}

/// An action as the log keeps it: its payload text, visit and kind.
pub(crate) struct Recorded<'a> {
    /// The action's JSON, exactly as hashed and sent.
    pub payload: String,
    /// The visit it is about.
    pub visit_id: &'a str,
    /// `pickup`, `deliver` or `fail`.
    pub kind: &'a str,
}

/// Appends an already encoded action (a retried one goes out again with
/// the very payload it had) to `account`'s log and queues it.
pub(crate) fn append_recorded(
    tx: &Transaction<'_>,
    account: &str,
    action: Recorded<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<ActionEntry> {
    let Recorded {
        payload,
        visit_id,
        kind,
    } = action;
    let device = device_id(tx, account)?;
    let (last_seq, prev): (u64, String) = tx
        .prepare_cached(
            "SELECT chain_seq, hash FROM field_log WHERE account_id = ?1
             ORDER BY chain_seq DESC LIMIT 1",
        )?
        .query_row([account], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned()));
    let link = chain::link(&device, last_seq + 1, &prev, payload.as_bytes());
    let key = new_id()?;
    let now = now.to_rfc3339();
    tx.prepare_cached(
        "INSERT INTO field_log (key, prev_hash, hash, payload, visit_id, kind, recorded_at,
                                account_id, chain_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        key,
        link.prev_hash,
        link.hash,
        payload,
        visit_id,
        kind,
        now,
        account,
        link.seq as i64,
    ])?;
    let row = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO outbox (key, log_seq, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![key, row, now])?;
    Ok(ActionEntry {
        key,
        seq: link.seq,
        prev_hash: link.prev_hash,
        hash: link.hash,
        payload,
    })
}

/// `account`'s oldest `limit` entries still in the outbox, in log order
/// (walked along the outbox's own index, so sent entries are not read
/// again).
pub(crate) fn pending(
    conn: &Connection,
    account: &str,
    limit: usize,
) -> CoreResult<Vec<ActionEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.key, l.chain_seq, l.prev_hash, l.hash, l.payload
         FROM outbox o JOIN field_log l ON l.seq = o.log_seq
         WHERE l.account_id = ?1 ORDER BY o.log_seq LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![account, limit as i64], |r| {
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

/// `account`'s entries still to send.
pub(crate) fn pending_count(conn: &Connection, account: &str) -> CoreResult<i32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM outbox o JOIN field_log l ON l.seq = o.log_seq
             WHERE l.account_id = ?1",
        )?
        .query_row([account], |r| r.get(0))?)
}

/// Entries of other accounts still to send from this phone (they wait for
/// their own account to sign in again).
pub(crate) fn others_pending(conn: &Connection, account: &str) -> CoreResult<i32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM outbox o JOIN field_log l ON l.seq = o.log_seq
             WHERE l.account_id <> ?1",
        )?
        .query_row([account], |r| r.get(0))?)
}

/// Checks `account`'s local log against its hash chain (a device-side
/// audit: the same check the server makes on sync). After old entries
/// were pruned the check starts from the first one kept, whose link to the
/// pruned part the server already checked.
pub(crate) fn verify_local(
    conn: &Connection,
    account: &str,
) -> CoreResult<Option<chain::ChainBreak>> {
    let Some(device) = stored_device_id(conn, account)? else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT chain_seq, prev_hash, hash, payload FROM field_log
         WHERE account_id = ?1 ORDER BY chain_seq",
    )?;
    let entries = stmt
        .query_map([account], |r| {
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
    let start = entries
        .first()
        .filter(|(first, _)| first.seq > 1)
        .map(|(first, _)| (first.seq - 1, first.prev_hash.clone()));
    Ok(chain::verify_chain(start.as_ref().map(|(s, h)| (*s, h.as_str())), &entries).err())
}

/// How long acknowledged entries stay on the phone by default.
pub const DEFAULT_RETENTION: chrono::Duration = chrono::Duration::days(30);

/// Deletes `account`'s oldest entries that the server acknowledged before
/// `before`, as one unbroken prefix of its chain: an entry still to send,
/// still wedged, recorded since `before`, or the chain's head stays, and
/// so does everything after it, so what is left still verifies (from its
/// first entry on) and new entries link to the head. Returns how many.
pub(crate) fn prune(
    tx: &Transaction<'_>,
    account: &str,
    before: chrono::DateTime<Utc>,
) -> CoreResult<u32> {
    let keep_from: Option<i64> = tx
        .prepare_cached(
            "SELECT min(l.chain_seq) FROM field_log l LEFT JOIN outbox o ON o.log_seq = l.seq
             WHERE l.account_id = ?1 AND (
                 o.key IS NOT NULL
                 OR (l.outcome IN ('rejected', 'quarantined') AND l.resolution IS NULL)
                 OR l.recorded_at >= ?2
                 OR l.chain_seq = (SELECT max(chain_seq) FROM field_log WHERE account_id = ?1))",
        )?
        .query_row(params![account, before.to_rfc3339()], |r| r.get(0))?;
    let Some(keep_from) = keep_from else {
        return Ok(0);
    };
    let pruned = tx
        .prepare_cached("DELETE FROM field_log WHERE account_id = ?1 AND chain_seq < ?2")?
        .execute(params![account, keep_from])?;
    Ok(pruned as u32)
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

/// `account`'s latest local action on each visit: (visit id, kind,
/// outcome), leaving out actions set aside.
pub(crate) fn latest_by_visit(
    conn: &Connection,
    account: &str,
) -> CoreResult<std::collections::HashMap<String, (String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT visit_id, kind, outcome FROM field_log
         WHERE seq IN (SELECT max(seq) FROM field_log
                       WHERE account_id = ?1 AND resolution IS NOT 'set_aside'
                       GROUP BY visit_id)",
    )?;
    let rows = stmt
        .query_map([account], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// `account`'s failed attempts on `visit_id` recorded here, not yet sent.
pub(crate) fn unsent_failures(conn: &Connection, account: &str, visit_id: &str) -> CoreResult<i32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM field_log l JOIN outbox o ON o.log_seq = l.seq
         WHERE l.visit_id = ?1 AND l.kind = 'fail' AND l.account_id = ?2",
        [visit_id, account],
        |r| r.get(0),
    )?)
}

/// `account`'s pickups and deliveries on `visit_id` recorded here and not
/// turned down.
pub(crate) fn completions(conn: &Connection, account: &str, visit_id: &str) -> CoreResult<i32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM field_log WHERE visit_id = ?1 AND kind IN ('pickup', 'deliver')
         AND coalesce(outcome, 'applied') NOT IN ('rejected', 'quarantined')
         AND resolution IS NOT 'set_aside' AND account_id = ?2",
        [visit_id, account],
        |r| r.get(0),
    )?)
}
