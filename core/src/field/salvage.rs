//! Recovering a staff phone's action log from a database file that was
//! found corrupt and moved aside: unsent actions must not be lost with it.
//! The device id, the whole log (seq, keys, hashes, payloads) and the
//! outbox are copied as they were, so the server sees the same chain and
//! the same idempotency keys (anything already received stays a duplicate).

use std::path::Path;

use rusqlite::{Connection, OpenFlags, params};

use super::log::DEVICE_KEY;
use crate::error::{CoreError, CoreResult, ErrorKind};
use crate::storage::Database;

/// What a salvage brought back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Salvaged {
    /// Log entries copied.
    pub entries: i32,
    /// Of them, waiting to be sent.
    pub unsent: i32,
}

/// Unsent actions in the damaged file at `path`, when it can be read.
pub fn unsent_in(path: &Path) -> Option<u32> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .ok()
}

/// One log row as stored: seq, key, prev_hash, hash, payload, visit_id,
/// kind, recorded_at, outcome, reason, account_id, chain_seq.
type LogRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
);

/// Copies the action log of the damaged file `path` into `db`, which must
/// not have a log of its own yet (a second chain would fork the first).
/// Every account's entries come back under that account, with their device
/// ids; entries of a file from before logs were kept per account go to the
/// account signed in now (or the next one to sign in).
pub fn salvage(
    path: &Path,
    db: &Database,
    files: &crate::files::store::FileStore,
) -> CoreResult<Salvaged> {
    let unreadable = |e: rusqlite::Error| {
        CoreError::new(
            ErrorKind::Storage,
            "",
            "Không đọc được nhật ký thao tác trong tệp hỏng.",
            "The action log in the damaged file cannot be read.",
        )
        .with_support(format!("{}: {e}", path.display()))
    };
    let old =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(unreadable)?;
    let mut stmt = old
        .prepare("SELECT key, value FROM settings WHERE key = ?1 OR key LIKE ?1 || ':%'")
        .map_err(unreadable)?;
    let devices: Vec<(String, String)> = stmt
        .query_map([DEVICE_KEY], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect())
        .map_err(unreadable)?;
    // Files from before logs were kept per account have neither column.
    let per_account: bool = old
        .query_row(
            "SELECT count(*) FROM pragma_table_info('field_log') WHERE name = 'chain_seq'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(unreadable)?
        > 0;
    let columns = if per_account {
        "account_id, chain_seq"
    } else {
        "'', seq"
    };
    let mut stmt = old
        .prepare(&format!(
            "SELECT seq, key, prev_hash, hash, payload, visit_id, kind, recorded_at, outcome, reason, {columns}
             FROM field_log ORDER BY seq"
        ))
        .map_err(unreadable)?;
    let rows: Vec<LogRow> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })
        .and_then(|rows| rows.collect())
        .map_err(unreadable)?;
    let mut stmt = old
        .prepare("SELECT key, log_seq, attempts, created_at FROM outbox ORDER BY log_seq")
        .map_err(unreadable)?;
    let outbox: Vec<(String, i64, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .and_then(|rows| rows.collect())
        .map_err(unreadable)?;
    if devices.is_empty() || rows.is_empty() {
        return Ok(Salvaged {
            entries: 0,
            unsent: 0,
        });
    }
    db.write(|tx| {
        let own: i64 = tx.query_row("SELECT count(*) FROM field_log", [], |r| r.get(0))?;
        if own > 0 {
            return Err(CoreError::conflict(
crate::Reason::LogNotEmpty,
                "Máy đã ghi thao tác mới sau khi cơ sở dữ liệu hỏng; hãy đồng bộ chúng trước, rồi nhờ bưu cục nhập tệp hỏng.",
                "This phone recorded new actions after the database was damaged; sync them first, then ask the office to import the damaged file.",
            ));
        }
        for (key, device) in &devices {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, device],
            )?;
        }
        for r in &rows {
            tx.execute(
                "INSERT INTO field_log (seq, key, prev_hash, hash, payload, visit_id, kind, recorded_at,
                                        outcome, reason, account_id, chain_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11],
            )?;
        }
        for o in &outbox {
            tx.execute(
                "INSERT INTO outbox (key, log_seq, attempts, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![o.0, o.1, o.2, o.3],
            )?;
        }
        // The proof files stayed in the data folder (the sweep waits while
        // a damaged database is not recovered): listed again for upload.
        for r in &rows {
            for sha in proof_hashes(&r.4) {
                if let Ok(file) = files.describe(&sha) {
                    crate::files::pages::hold_for_action(tx, &r.1, &file)?;
                }
            }
        }
        if let Some(account) = crate::account::owner::current(tx)? {
            super::log::claim_unowned(tx, &account)?;
        }
        Ok(Salvaged {
            entries: crate::count::of(rows.len()),
            unsent: crate::count::of(outbox.len()),
        })
    })
}

/// The proof files an action's stored payload names (signature, photos),
/// read as plain JSON.
fn proof_hashes(payload: &str) -> Vec<String> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(payload) else {
        return Vec::new();
    };
    let action = &value["action"];
    let single = ["signature_sha256", "photo_sha256"]
        .into_iter()
        .filter_map(|k| action[k].as_str());
    let photos = action["photos"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str);
    single.chain(photos).map(str::to_owned).collect()
}
