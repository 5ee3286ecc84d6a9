//! The on-device copy of the account's dossiers (the full JSON, with the
//! code and the current QR, so both show offline).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::api::model::Dossier;
use crate::error::CoreResult;

/// Replaces the whole cache with `dossiers` (one transaction).
pub(crate) fn replace_all(
    tx: &Transaction<'_>,
    dossiers: &[Dossier],
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    tx.execute("DELETE FROM dossier", [])?;
    for d in dossiers {
        upsert(tx, d, now)?;
    }
    Ok(())
}

/// Inserts or updates one dossier.
pub(crate) fn upsert(
    tx: &Transaction<'_>,
    d: &Dossier,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO dossier (id, procedure_code, office_id, status_code, submitted_at, fetched_at, code, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET procedure_code = ?2, office_id = ?3,
             status_code = ?4, submitted_at = ?5, fetched_at = ?6, code = ?7, data = ?8",
        params![
            d.id,
            d.procedure_code,
            d.office_id,
            d.status_code,
            d.submitted_at.to_rfc3339(),
            now.to_rfc3339(),
            d.code,
            serde_json::to_string(d)?
        ],
    )?;
    Ok(())
}

/// All cached dossiers, newest first.
pub(crate) fn all(conn: &Connection) -> CoreResult<Vec<Dossier>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, procedure_code, office_id, status_code, submitted_at, data
         FROM dossier ORDER BY submitted_at DESC, id",
    )?;
    let rows = stmt
        .query_map([], read_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().collect()
}

/// The cached dossier with server id or dossier code `key`.
pub(crate) fn find(conn: &Connection, key: &str) -> CoreResult<Option<Dossier>> {
    let row = conn
        .query_row(
            "SELECT id, procedure_code, office_id, status_code, submitted_at, data
             FROM dossier WHERE id = ?1 OR code = ?1",
            [key],
            read_row,
        )
        .optional()?;
    row.transpose()
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CoreResult<Dossier>> {
    let data: Option<String> = r.get(5)?;
    if let Some(json) = data {
        return Ok(serde_json::from_str(&json).map_err(Into::into));
    }
    // Rows cached before schema 5 have only the columns.
    let at: String = r.get(4)?;
    let submitted_at = DateTime::parse_from_rfc3339(&at)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
        })?;
    Ok(Ok(Dossier {
        id: r.get(0)?,
        code: None,
        procedure_code: r.get(1)?,
        office_id: r.get(2)?,
        status_code: r.get(3)?,
        submitted_at,
        documents: Vec::new(),
        appointment: None,
        delivery: Default::default(),
        qr: None,
        track_check: None,
        pages: Vec::new(),
    }))
}
