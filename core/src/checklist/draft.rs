//! Hồ sơ nháp: draft dossiers on the device — a procedure, the applicant
//! profile and the ticked documents — kept in SQLite across restarts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::api::model::Delivery;
use crate::catalogue::profile::ApplicantProfile;
use crate::error::{CoreError, CoreResult};

/// Where and how a draft is to be filed: office, appointment, delivery.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DraftPlan {
    /// The receiving office (set from the booking when there is one).
    pub office_id: Option<String>,
    /// The appointment booked for it.
    pub booking_id: Option<String>,
    /// Pick up at the office or delivered home.
    pub delivery: Delivery,
}

/// A stored draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraft {
    /// Draft id.
    pub id: String,
    /// Procedure code.
    pub procedure_code: String,
    /// Applicant profile.
    pub profile: ApplicantProfile,
    /// Ticked document ids.
    pub ticked: Vec<String>,
    /// Office, booking and delivery.
    pub plan: DraftPlan,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Stores a new draft.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    id: &str,
    code: &str,
    profile: &ApplicantProfile,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    let now = now.to_rfc3339();
    tx.execute(
        "INSERT INTO draft (id, procedure_code, profile, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, code, serde_json::to_string(profile)?, now],
    )?;
    Ok(())
}

/// Replaces the profile of draft `id`.
pub(crate) fn set_profile(
    tx: &Transaction<'_>,
    id: &str,
    profile: &ApplicantProfile,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    let n = tx.execute(
        "UPDATE draft SET profile = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, serde_json::to_string(profile)?, now.to_rfc3339()],
    )?;
    found(n, id)
}

/// Replaces the plan of draft `id`.
pub(crate) fn set_plan(
    tx: &Transaction<'_>,
    id: &str,
    plan: &DraftPlan,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    let n = tx.execute(
        "UPDATE draft SET office_id = ?2, booking_id = ?3, delivery = ?4, updated_at = ?5 WHERE id = ?1",
        params![
            id,
            plan.office_id,
            plan.booking_id,
            serde_json::to_string(&plan.delivery)?,
            now.to_rfc3339()
        ],
    )?;
    found(n, id)
}

/// Ticks or unticks a document of draft `id`.
/// Marks draft `id` changed now (its pages changed).
pub(crate) fn touch(
    tx: &Transaction<'_>,
    id: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    let n = tx.execute(
        "UPDATE draft SET updated_at = ?2 WHERE id = ?1",
        params![id, now.to_rfc3339()],
    )?;
    found(n, id)
}

pub(crate) fn tick(
    tx: &Transaction<'_>,
    id: &str,
    document_id: &str,
    have: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<()> {
    let now = now.to_rfc3339();
    let n = tx.execute(
        "UPDATE draft SET updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    found(n, id)?;
    if have {
        tx.execute(
            "INSERT INTO draft_tick (draft_id, document_id, ticked_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (draft_id, document_id) DO NOTHING",
            params![id, document_id, now],
        )?;
    } else {
        tx.execute(
            "DELETE FROM draft_tick WHERE draft_id = ?1 AND document_id = ?2",
            params![id, document_id],
        )?;
    }
    Ok(())
}

/// Deletes draft `id` and its ticks.
pub(crate) fn delete(tx: &Transaction<'_>, id: &str) -> CoreResult<()> {
    found(tx.execute("DELETE FROM draft WHERE id = ?1", [id])?, id)
}

/// Draft `id`.
pub(crate) fn get(conn: &Connection, id: &str) -> CoreResult<StoredDraft> {
    let row = conn
        .query_row(
            "SELECT id, procedure_code, profile, created_at, updated_at, office_id, booking_id, delivery FROM draft WHERE id = ?1",
            [id],
            read_row,
        )
        .optional()?;
    let mut draft = row.ok_or_else(|| not_found(id))??;
    draft.ticked = ticks(conn, id)?;
    Ok(draft)
}

/// All drafts, most recently changed first.
pub(crate) fn all(conn: &Connection) -> CoreResult<Vec<StoredDraft>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, procedure_code, profile, created_at, updated_at, office_id, booking_id, delivery FROM draft ORDER BY updated_at DESC, id",
    )?;
    let rows: Vec<CoreResult<StoredDraft>> =
        stmt.query_map([], read_row)?.collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|d| {
            let mut d = d?;
            d.ticked = ticks(conn, &d.id)?;
            Ok(d)
        })
        .collect()
}

fn ticks(conn: &Connection, id: &str) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT document_id FROM draft_tick WHERE draft_id = ?1 ORDER BY document_id",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CoreResult<StoredDraft>> {
    let profile: String = r.get(2)?;
    let created: String = r.get(3)?;
    let updated: String = r.get(4)?;
    let id: String = r.get(0)?;
    let code: String = r.get(1)?;
    let office_id: Option<String> = r.get(5)?;
    let booking_id: Option<String> = r.get(6)?;
    let delivery: String = r.get(7)?;
    Ok((|| {
        Ok(StoredDraft {
            id,
            procedure_code: code,
            profile: serde_json::from_str(&profile)?,
            ticked: Vec::new(),
            plan: DraftPlan {
                office_id,
                booking_id,
                delivery: serde_json::from_str(&delivery)?,
            },
            created_at: crate::time::parse_stored(&created)?,
            updated_at: crate::time::parse_stored(&updated)?,
        })
    })())
}

fn found(rows: usize, id: &str) -> CoreResult<()> {
    if rows == 0 {
        Err(not_found(id))
    } else {
        Ok(())
    }
}

fn not_found(id: &str) -> CoreError {
    CoreError::not_found(
        format!("Không tìm thấy hồ sơ nháp «{id}»."),
        format!("No draft dossier “{id}”."),
    )
}
