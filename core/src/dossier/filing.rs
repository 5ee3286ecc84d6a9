//! The filing queue: "file this draft" is written down first (table
//! `filing`), then its pages are uploaded, and only then is the dossier
//! filed — a request that depends on its files, as in "upload, then send".
//! A killed app, a lost signal or a server fault leave the draft queued
//! with its pages; the next try (or [`super::DossierService::send_pending`])
//! goes on where the server stands. A refusal that trying again cannot
//! fix (a page the server will not take, a full quota) is kept on the
//! queue entry with its reason, and the other drafts go on.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, params};
use serde::Serialize;

use super::cache;
use crate::account::session::require_token;
use crate::api::model::{Dossier, NewDossier};
use crate::checklist::draft;
use crate::context::Context;
use crate::error::{CoreError, CoreResult, ErrorKind};
use crate::files::store::StoredFile;
use crate::files::{pages, upload};

/// A draft waiting to be filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PendingFiling {
    /// The draft.
    pub draft_id: String,
    /// Its procedure.
    pub procedure_code: String,
    /// When filing was asked for.
    pub queued_at: DateTime<Utc>,
    /// Pages to upload with it.
    pub pages: i32,
    /// Their bytes together.
    pub bytes: i64,
    /// Why the server turned it down (it waits for a change and a new
    /// submit); none while it only waits for the network.
    pub reason: Option<String>,
    /// The refusal, Vietnamese.
    pub error_vi: Option<String>,
    /// The refusal, English.
    pub error_en: Option<String>,
}

/// Queues draft `draft_id` for `account` (again: a refusal kept from an
/// earlier try is cleared).
pub(crate) fn queue(
    tx: &Transaction<'_>,
    draft_id: &str,
    account: &str,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO filing (draft_id, account_id, queued_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (draft_id) DO UPDATE SET account_id = ?2, error = NULL",
        params![draft_id, account, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Drafts `account` queued that are not turned down, oldest first.
pub(crate) fn waiting(conn: &Connection, account: &str) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT draft_id FROM filing WHERE account_id = ?1 AND error IS NULL ORDER BY queued_at",
    )?;
    let rows = stmt.query_map([account], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every queued draft with what it waits for.
pub(crate) fn all(conn: &Connection) -> CoreResult<Vec<PendingFiling>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.draft_id, d.procedure_code, f.queued_at, f.error,
                (SELECT count(*) FROM page p WHERE p.draft_id = f.draft_id),
                (SELECT coalesce(sum(bytes), 0) FROM page p WHERE p.draft_id = f.draft_id)
         FROM filing f JOIN draft d ON d.id = f.draft_id ORDER BY f.queued_at",
    )?;
    let rows = stmt.query_map([], |r| {
        let error: Option<String> = r.get(3)?;
        let (reason, vi, en) = error
            .as_deref()
            .and_then(|e| serde_json::from_str::<[String; 3]>(e).ok())
            .map_or((None, None, None), |[c, vi, en]| {
                (Some(c), Some(vi), Some(en))
            });
        Ok(PendingFiling {
            draft_id: r.get(0)?,
            procedure_code: r.get(1)?,
            queued_at: DateTime::<Utc>::MIN_UTC,
            pages: r.get(4)?,
            bytes: r.get(5)?,
            reason,
            error_vi: vi,
            error_en: en,
        })
        .map(|p| (p, r.get::<_, String>(2)))
    })?;
    rows.map(|row| {
        let (mut p, at) = row?;
        p.queued_at = crate::time::parse_stored(&at?)?;
        Ok(p)
    })
    .collect()
}

/// Keeps `err` on the queue entry of `draft_id`: it waits for a change.
fn turn_down(tx: &Transaction<'_>, draft_id: &str, err: &CoreError) -> CoreResult<()> {
    let code = err.reason().or(err.field()).unwrap_or(err.kind().as_str());
    let kept = serde_json::to_string(&[code, err.vi(), err.en()])?;
    tx.execute(
        "UPDATE filing SET error = ?2 WHERE draft_id = ?1",
        params![draft_id, kept],
    )?;
    Ok(())
}

/// True for refusals a later try of the same request cannot change.
fn is_final(err: &CoreError) -> bool {
    matches!(
        err.kind(),
        ErrorKind::Conflict | ErrorKind::InvalidData | ErrorKind::NotFound
    )
}

/// Uploads the pages of queued draft `draft_id` the server lacks, then
/// files it under the draft's idempotency key; the dossier is cached and
/// the draft (with its queue entry and pages) removed in one transaction.
pub(crate) async fn send(ctx: &Context, draft_id: &str, chunk: usize) -> CoreResult<Dossier> {
    let result = send_once(ctx, draft_id, chunk).await;
    if let Err(e) = &result
        && is_final(e)
    {
        ctx.db.write(|tx| turn_down(tx, draft_id, e))?;
    }
    result
}

async fn send_once(ctx: &Context, draft_id: &str, chunk: usize) -> CoreResult<Dossier> {
    let (stored, pages) = ctx
        .db
        .read(|c| Ok((draft::get(c, draft_id)?, pages::of_draft(c, draft_id)?)))?;
    let office_id = stored.plan.office_id.clone().ok_or_else(|| {
        CoreError::invalid(
            "office_id",
            "Chưa chọn bưu cục nhận hồ sơ (hoặc đặt lịch hẹn).",
            "No receiving office chosen (or appointment booked).",
        )
    })?;
    let token = require_token(ctx)?;
    let mut sent = std::collections::HashSet::new();
    for p in &pages {
        if sent.insert(p.sha256.as_str()) {
            let file = StoredFile {
                sha256: p.sha256.clone(),
                bytes: u64::try_from(p.bytes).unwrap_or(0),
                file_type: p.file_type,
            };
            upload::ensure(ctx, &token, &file, chunk).await?;
        }
    }
    let body = NewDossier {
        procedure_code: stored.procedure_code.clone(),
        office_id,
        profile: Some(stored.profile.clone()),
        documents: stored.ticked.clone(),
        booking_id: stored.plan.booking_id.clone(),
        delivery: stored.plan.delivery.clone(),
        pages,
    };
    let key = format!("draft-{draft_id}");
    let dossier: Dossier = ctx
        .api
        .post("/v1/dossiers", &body, Some(&token), Some(&key))
        .await?;
    ctx.db.write(|tx| {
        cache::upsert(tx, &dossier, ctx.now())?;
        draft::delete(tx, draft_id)
    })?;
    crate::files::sweep(ctx);
    Ok(dossier)
}
