//! The on-device copy of the account's dossiers.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, params};

use crate::api::model::Dossier;
use crate::error::CoreResult;

/// Replaces the whole cache with `dossiers` (one transaction).
pub(crate) fn replace_all(tx: &Transaction<'_>, dossiers: &[Dossier]) -> CoreResult<()> {
    tx.execute("DELETE FROM dossier", [])?;
    for d in dossiers {
        upsert(tx, d)?;
    }
    Ok(())
}

/// Inserts or updates one dossier.
pub(crate) fn upsert(tx: &Transaction<'_>, d: &Dossier) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO dossier (id, procedure_code, office_id, status_code, submitted_at, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET procedure_code = ?2, office_id = ?3,
             status_code = ?4, submitted_at = ?5, fetched_at = ?6",
        params![
            d.id,
            d.procedure_code,
            d.office_id,
            d.status_code,
            d.submitted_at.to_rfc3339(),
            Utc::now().to_rfc3339()
        ],
    )?;
    Ok(())
}

/// All cached dossiers, newest first.
pub(crate) fn all(conn: &Connection) -> CoreResult<Vec<Dossier>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, procedure_code, office_id, status_code, submitted_at
         FROM dossier ORDER BY submitted_at DESC, id",
    )?;
    let rows = stmt.query_map([], |r| {
        let at: String = r.get(4)?;
        let submitted_at = DateTime::parse_from_rfc3339(&at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    4,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
        Ok(Dossier {
            id: r.get(0)?,
            procedure_code: r.get(1)?,
            office_id: r.get(2)?,
            status_code: r.get(3)?,
            submitted_at,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
