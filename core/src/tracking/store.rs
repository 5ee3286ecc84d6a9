//! The on-device timelines: each tracked dossier's latest state, its
//! events (kept by the server's event number, so a refresh only adds), and
//! the notifications they produced (one per event, ever).

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::model::{Track, TrackEvent};
use super::notify::{self, Notification};
use crate::error::CoreResult;

/// The cursor and id of the cached track found by dossier id, code or
/// item number.
pub(crate) fn cursor(conn: &Connection, key: &str) -> CoreResult<Option<(String, u64)>> {
    Ok(conn
        .query_row(
            "SELECT dossier_id, cursor FROM track
             WHERE dossier_id = ?1 OR dossier_code = ?1 OR s10 = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)),
        )
        .optional()?)
}

/// Stores a refresh: the track's state and its new events. Events new to
/// this device become notifications, except on the first fetch of someone
/// else's dossier (its history is shown, not announced); for the
/// account's own dossiers every step after filing is announced. Returns
/// how many notifications were added.
pub(crate) fn save(
    tx: &Transaction<'_>,
    track: &Track,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<usize> {
    // The server keys a track by dossier code (its id stays internal).
    let own: bool = tx.query_row(
        "SELECT count(*) > 0 FROM dossier WHERE id = ?1 OR code = ?1",
        [&track.dossier_id],
        |r| r.get(0),
    )?;
    let known = cursor(tx, &track.dossier_id)?.is_some();
    let mut state = track.clone();
    state.events.clear();
    tx.execute(
        "INSERT INTO track (dossier_id, dossier_code, s10, data, cursor, refreshed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (dossier_id) DO UPDATE SET dossier_code = ?2, s10 = ?3, data = ?4,
             cursor = max(cursor, ?5), refreshed_at = ?6",
        params![
            track.dossier_id,
            track.dossier_code,
            track.s10,
            serde_json::to_string(&state)?,
            track.cursor as i64,
            now.to_rfc3339()
        ],
    )?;
    let mut added = 0;
    for event in &track.events {
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO track_event (dossier_id, seq, data) VALUES (?1, ?2, ?3)",
            params![
                track.dossier_id,
                event.seq as i64,
                serde_json::to_string(event)?
            ],
        )?;
        let filing = event.status_code == Some(super::status::SUBMITTED);
        if inserted == 1 && (known || (own && !filing)) {
            let n = notify::for_event(track, event);
            added += tx.execute(
                "INSERT OR IGNORE INTO notification (dossier_id, event_seq, data, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    track.dossier_id,
                    event.seq as i64,
                    serde_json::to_string(&n)?,
                    now.to_rfc3339()
                ],
            )?;
        }
    }
    Ok(added)
}

/// The cached track (all its events) with dossier id, code or item `key`,
/// and when it was refreshed.
pub(crate) fn load(
    conn: &Connection,
    key: &str,
) -> CoreResult<Option<(Track, chrono::DateTime<Utc>)>> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT dossier_id, data, refreshed_at FROM track
             WHERE dossier_id = ?1 OR dossier_code = ?1 OR s10 = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((id, data, at)) = row else {
        return Ok(None);
    };
    let mut track: Track = serde_json::from_str(&data)?;
    let mut stmt =
        conn.prepare_cached("SELECT data FROM track_event WHERE dossier_id = ?1 ORDER BY seq")?;
    let events = stmt
        .query_map([&id], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    track.events = events
        .iter()
        .map(|e| serde_json::from_str::<TrackEvent>(e))
        .collect::<Result<_, _>>()?;
    Ok(Some((track, crate::time::parse_stored(&at)?)))
}

/// What a background refresh looks at, as lookup keys (dossier code, or
/// item number): every tracked dossier and the account's own dossiers not
/// tracked yet.
pub(crate) fn tracked(conn: &Connection) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(dossier_code, s10) FROM track
         WHERE coalesce(dossier_code, s10) IS NOT NULL
         UNION ALL
         SELECT code FROM dossier
         WHERE code IS NOT NULL AND id NOT IN (SELECT dossier_id FROM track)
           AND code NOT IN (SELECT dossier_code FROM track WHERE dossier_code IS NOT NULL)",
    )?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}

/// Notifications not yet shown, oldest first.
pub(crate) fn pending(conn: &Connection) -> CoreResult<Vec<Notification>> {
    notifications(
        conn,
        "SELECT id, data FROM notification WHERE shown_at IS NULL ORDER BY id LIMIT ?1",
        i64::MAX,
    )
}

/// The `limit` latest notifications, shown or not, newest first.
pub(crate) fn recent(conn: &Connection, limit: i64) -> CoreResult<Vec<Notification>> {
    notifications(
        conn,
        "SELECT id, data FROM notification ORDER BY id DESC LIMIT ?1",
        limit,
    )
}

/// The notifications `sql` selects (`id, data`, at most `?1` rows).
fn notifications(conn: &Connection, sql: &str, limit: i64) -> CoreResult<Vec<Notification>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, data)| {
            let mut n: Notification = serde_json::from_str(&data)?;
            n.id = id;
            Ok(n)
        })
        .collect()
}

/// Marks notifications `ids` shown.
pub(crate) fn mark_shown(
    tx: &Transaction<'_>,
    ids: &[i64],
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    let now = now.to_rfc3339();
    for id in ids {
        tx.execute(
            "UPDATE notification SET shown_at = ?2 WHERE id = ?1 AND shown_at IS NULL",
            params![id, now],
        )?;
    }
    Ok(())
}

/// The receipt check kept for lookup key `key`, if any.
pub(crate) fn check_for(conn: &Connection, key: &str) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT check_code FROM track_check WHERE lookup = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Keeps the receipt check that opened `key`'s track, for later refreshes.
pub(crate) fn keep_check(tx: &Transaction<'_>, key: &str, check: &str) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO track_check (lookup, check_code) VALUES (?1, ?2)
         ON CONFLICT (lookup) DO UPDATE SET check_code = ?2",
    )?
    .execute(params![key, check])?;
    Ok(())
}
