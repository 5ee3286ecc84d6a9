//! The pages of a draft's documents, and which stored files anything
//! still refers to.

use std::collections::HashSet;

use rusqlite::{Connection, Transaction, params};

use super::kind::FileType;
use super::model::Page;
use super::store::StoredFile;
use crate::CoreResult;

/// The pages of draft `draft_id`, by document and page number.
pub(crate) fn of_draft(conn: &Connection, draft_id: &str) -> CoreResult<Vec<Page>> {
    let mut stmt = conn.prepare_cached(
        "SELECT document_id, page, sha256, bytes, type FROM page WHERE draft_id = ?1
         ORDER BY document_id, page",
    )?;
    let rows = stmt.query_map([draft_id], page_of_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A page from a row of (document id, page, sha256, bytes, type), as the
/// phone's `page` table and the server's files hold it.
pub fn page_of_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Page> {
    Ok(Page {
        document_id: r.get(0)?,
        page: r.get(1)?,
        sha256: r.get(2)?,
        bytes: r.get(3)?,
        file_type: FileType::parse(&r.get::<_, String>(4)?).unwrap_or(FileType::Pdf),
    })
}

/// Adds `file` as the next page of `document_id` in draft `draft_id`;
/// returns its page number.
pub(crate) fn append(
    tx: &Transaction<'_>,
    draft_id: &str,
    document_id: &str,
    file: &StoredFile,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<i32> {
    let next: i32 = tx.query_row(
        "SELECT coalesce(max(page), 0) + 1 FROM page WHERE draft_id = ?1 AND document_id = ?2",
        params![draft_id, document_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO page (draft_id, document_id, page, sha256, bytes, type, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            draft_id,
            document_id,
            next,
            file.sha256,
            i64::try_from(file.bytes).unwrap_or(i64::MAX),
            file.file_type.as_str(),
            now.to_rfc3339()
        ],
    )?;
    Ok(next)
}

/// Removes page `page` of `document_id` in draft `draft_id`; the pages
/// after it move up one. False when there was no such page.
pub(crate) fn remove(
    tx: &Transaction<'_>,
    draft_id: &str,
    document_id: &str,
    page: i32,
) -> CoreResult<bool> {
    let n = tx.execute(
        "DELETE FROM page WHERE draft_id = ?1 AND document_id = ?2 AND page = ?3",
        params![draft_id, document_id, page],
    )?;
    if n == 0 {
        return Ok(false);
    }
    // One by one in page order, so the primary key never collides.
    let later: Vec<i32> = tx
        .prepare_cached(
            "SELECT page FROM page WHERE draft_id = ?1 AND document_id = ?2 AND page > ?3
             ORDER BY page",
        )?
        .query_map(params![draft_id, document_id, page], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for p in later {
        tx.execute(
            "UPDATE page SET page = ?4 WHERE draft_id = ?1 AND document_id = ?2 AND page = ?3",
            params![draft_id, document_id, p, p - 1],
        )?;
    }
    Ok(true)
}

/// Keeps `file` for field action `key` until the server has taken it.
pub(crate) fn hold_for_action(
    tx: &Transaction<'_>,
    key: &str,
    file: &StoredFile,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO action_file (key, sha256, bytes, type) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key, sha256) DO NOTHING",
        params![
            key,
            file.sha256,
            i64::try_from(file.bytes).unwrap_or(i64::MAX),
            file.file_type.as_str()
        ],
    )?;
    Ok(())
}

/// The files field actions `keys` bring, each once.
pub(crate) fn of_actions(conn: &Connection, keys: &[String]) -> CoreResult<Vec<StoredFile>> {
    let mut stmt =
        conn.prepare_cached("SELECT sha256, bytes, type FROM action_file WHERE key = ?1")?;
    let mut out: Vec<StoredFile> = Vec::new();
    for key in keys {
        let rows = stmt.query_map([key], |r| {
            Ok(StoredFile {
                sha256: r.get(0)?,
                bytes: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                file_type: FileType::parse(&r.get::<_, String>(2)?).unwrap_or(FileType::Pdf),
            })
        })?;
        for f in rows {
            let f = f?;
            if !out.iter().any(|o| o.sha256 == f.sha256) {
                out.push(f);
            }
        }
    }
    Ok(out)
}

/// The hashes of every file something still refers to: a draft's page,
/// or a field action not yet taken by the server (wedged ones included,
/// so a retry still has its files).
pub(crate) fn held(conn: &Connection) -> CoreResult<HashSet<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sha256 FROM page
         UNION SELECT a.sha256 FROM action_file a JOIN field_log l ON l.key = a.key
           WHERE l.outcome IS NULL OR l.outcome IN ('rejected', 'quarantined')",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
