//! Wedged entries: actions the server turned down for good (`rejected`, or
//! `quarantined` for the office to look at), and actions a server refused
//! as a whole batch that the sync narrowed down to one entry. They leave
//! the outbox, so the rest of the queue keeps flowing, and stay listed
//! until the staff member retries them (after the office fixed the cause:
//! the same action goes out again as a new entry) or sets them aside with
//! a reason. Both keep the entry in the log for the audit.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::log;
use super::model::{ActionEntry, Outcome};
use super::refusal;
use crate::error::{CoreError, CoreResult};
use crate::time::parse_stored;

/// Longest reason a staff member may give for setting an entry aside.
pub const MAX_NOTE: usize = 500;

/// An action the server turned down, waiting for the staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WedgedEntry {
    /// Position in the device's log.
    pub seq: i64,
    /// Its idempotency key.
    pub key: String,
    /// The visit it was about.
    pub visit_id: String,
    /// `pickup`, `deliver` or `fail`.
    pub kind: String,
    /// `rejected` or `quarantined`.
    pub outcome: String,
    /// The server's reason code (e.g. `daily_dossier_limit`).
    pub reason: String,
    /// The same as an enum (`Other` for a code this build does not know).
    pub code: crate::Reason,
    /// What it means and what to do, in Vietnamese.
    pub text_vi: String,
    /// What it means and what to do, in English.
    pub text_en: String,
    /// When the action was recorded on this device.
    pub recorded_at: DateTime<Utc>,
}

/// `account`'s wedged entries not yet retried or set aside, oldest first.
pub(crate) fn list(conn: &Connection, account: &str) -> CoreResult<Vec<WedgedEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT chain_seq, key, visit_id, kind, outcome, coalesce(reason, ''), recorded_at
         FROM field_log WHERE outcome IN ('rejected', 'quarantined') AND resolution IS NULL
         AND account_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([account], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(seq, key, visit_id, kind, outcome, reason, at)| {
            let (text_vi, text_en) = refusal::texts(&reason);
            Ok(WedgedEntry {
                seq,
                key,
                visit_id,
                kind,
                outcome,
                code: crate::Reason::parse(&reason),
                reason,
                text_vi,
                text_en,
                recorded_at: parse_stored(&at)?,
            })
        })
        .collect()
}

/// Records that the server refused entry `key` on its own (a whole batch
/// refused, narrowed down to this one) and takes it out of the outbox.
pub(crate) fn refuse(tx: &Transaction<'_>, key: &str, reason: &str) -> CoreResult<bool> {
    log::acknowledge(tx, key, Outcome::Rejected, Some(reason))
}

/// `account`'s wedged entry number `seq`: its row and payload, or a typed
/// error when there is none.
fn find(tx: &Transaction<'_>, account: &str, seq: i64) -> CoreResult<(i64, [String; 3])> {
    tx.query_row(
        "SELECT seq, payload, visit_id, kind FROM field_log
         WHERE account_id = ?1 AND chain_seq = ?2 AND outcome IN ('rejected', 'quarantined')
         AND resolution IS NULL",
        params![account, seq],
        |r| Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?])),
    )
    .optional()?
    .ok_or_else(|| {
        CoreError::not_found(
            format!("Không có thao tác bị từ chối số {seq} đang chờ xử lý."),
            format!("There is no turned-down action {seq} waiting to be dealt with."),
        )
    })
}

/// Sends the action of wedged entry `seq` again, as a new entry (the old
/// one stays in the log, marked `retried`); returns the new entry.
pub(crate) fn retry(
    tx: &Transaction<'_>,
    account: &str,
    seq: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<ActionEntry> {
    let (row, [payload, visit_id, kind]) = find(tx, account, seq)?;
    let action = log::Recorded {
        payload,
        visit_id: &visit_id,
        kind: &kind,
    };
    let entry = log::append_recorded(tx, account, action, now)?;
    // The new entry brings the same proof files.
    tx.execute(
        "INSERT OR IGNORE INTO action_file (key, sha256, bytes, type)
         SELECT ?1, sha256, bytes, type FROM action_file
         WHERE key = (SELECT key FROM field_log WHERE seq = ?2)",
        params![entry.key, row],
    )?;
    tx.execute(
        "UPDATE field_log SET resolution = 'retried', resolution_note = ?2, resolved_at = ?3
         WHERE seq = ?1",
        params![
            row,
            format!("sent again as entry {}", entry.seq),
            now.to_rfc3339()
        ],
    )?;
    Ok(entry)
}

/// Sets wedged entry `seq` aside with the staff member's `note`, kept in
/// the log for the audit; it is no longer listed or sent.
pub(crate) fn set_aside(
    tx: &Transaction<'_>,
    account: &str,
    seq: i64,
    note: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    let note = note.trim();
    if note.is_empty() || note.chars().count() > MAX_NOTE {
        return Err(CoreError::invalid(
            "note",
            format!("Cần ghi lý do (tối đa {MAX_NOTE} ký tự)."),
            format!("A reason is needed (at most {MAX_NOTE} characters)."),
        ));
    }
    if note.chars().any(crate::text::is_hostile_char) {
        return Err(CoreError::invalid(
            "note",
            "Lý do có ký tự điều khiển hoặc ký tự ẩn.",
            "The reason has control or invisible characters.",
        ));
    }
    let (row, _) = find(tx, account, seq)?;
    tx.execute(
        "UPDATE field_log SET resolution = 'set_aside', resolution_note = ?2, resolved_at = ?3
         WHERE seq = ?1",
        params![row, note, now.to_rfc3339()],
    )?;
    Ok(())
}
