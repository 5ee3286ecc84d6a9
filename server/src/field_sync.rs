//! Receiving a staff device's action log: each entry is stored once under
//! its idempotency key (a repeat is acknowledged, not applied again), its
//! hash chain is checked against the device's last accepted entry (breaks
//! are recorded for the audit and reported back), and its effect is
//! applied to the visit and the dossier's tracks unless the server's state
//! has moved on.

use chrono::{DateTime, Utc};
use dvc_core::api::model::{AccountKind, NewDossier, Principal};
use dvc_core::calendar::WorkingCalendar;
use dvc_core::catalogue::model::CatalogueData;
use dvc_core::field::chain::{self, ChainLink};
use dvc_core::field::model::{
    Ack, ActionBatch, ActionBody, ActionEntry, BatchReply, BreakReport, FieldAction, OnTheSpot,
    Outcome, VisitKind, VisitState,
};
use dvc_core::time::to_vn;
use dvc_core::tracking::postal::PostalStep;
use dvc_core::tracking::status;
use dvc_core::{CoreError, CoreResult, Reason};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::visits::{self, StoredVisit};
use crate::{dossiers, tracks};

/// Failed delivery attempts after which the result goes back, when the
/// last is at least [`RETURN_GAP_DAYS`] working days after the first.
const RETURN_AFTER_ATTEMPTS: i32 = 2;
/// Working days between the first and the last failed attempt.
const RETURN_GAP_DAYS: i64 = 2;
/// Minutes a device's clock may be off before its times are refused.
const CLOCK_DRIFT_MINUTES: i64 = 10;
/// Longest hash field accepted (a SHA-256 is 64 hex digits).
const MAX_HASH: usize = 128;
/// Largest entry number (what a JSON number holds exactly).
const MAX_SEQ: u64 = (1 << 53) - 1;
/// Longest idempotency key accepted.
const MAX_KEY: usize = 100;
/// Longest payload accepted.
const MAX_PAYLOAD: usize = 64 * 1024;
/// Entries accepted in one batch.
pub const MAX_BATCH: usize = 1_000;

/// What applying needs besides the database.
pub struct Context<'a> {
    /// Working days (for the two-attempt rule).
    pub calendar: &'a WorkingCalendar,
    /// Procedures (for dossiers created at the door).
    pub catalogue: &'a CatalogueData,
    /// The caps of the citizen a dossier is created for at the door.
    pub filing: crate::state::FilingLimits,
    /// When the batch arrived (the server's clock).
    pub now: DateTime<Utc>,
}

/// Receives `batch` from staff member `who`, in one transaction.
pub fn receive(
    tx: &Transaction<'_>,
    who: &Principal,
    batch: &ActionBatch,
    ctx: &Context<'_>,
) -> CoreResult<BatchReply> {
    let device = batch.device_id.trim();
    if device.is_empty() || device.len() > 64 {
        return Err(CoreError::invalid(
            "device_id",
            "Thiếu mã thiết bị.",
            "The device id is missing.",
        ));
    }
    if batch.entries.len() > MAX_BATCH {
        return Err(CoreError::invalid(
            "entries",
            format!("Mỗi lần gửi tối đa {MAX_BATCH} thao tác."),
            format!("At most {MAX_BATCH} actions per batch."),
        ));
    }
    // An entry the API's schema does not allow (key, number, hash or size)
    // refuses the batch (422, as the OpenAPI document says); the device
    // narrows such a batch down to the entry and wedges it. Refusals of
    // well-formed entries come back per entry.
    if let Some((e, why)) = batch
        .entries
        .iter()
        .find_map(|e| malformed(e).map(|why| (e, why)))
    {
        return Err(CoreError::invalid(
            "entries",
            format!(
                "Thao tác số {} không hợp lệ ({why}: khoá, số thứ tự, mã băm hoặc độ dài).",
                e.seq
            ),
            format!(
                "Entry {} is not valid ({why}: its key, number, hashes or length).",
                e.seq
            ),
        ));
    }
    let now = ctx.now;
    // Statements run once per entry are prepared once per connection.
    let enrolled: Option<(u64, String, String)> = tx
        .prepare_cached(
            "SELECT last_seq, last_hash, staff_id FROM device_chain WHERE device_id = ?1",
        )?
        .query_row([device], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    // A device belongs to the account that first sent from it.
    if let Some((_, _, owner)) = &enrolled
        && *owner != who.account_id
    {
        return Err(CoreError::conflict(
            dvc_core::Reason::DeviceEnrolled,
            "Thiết bị này đã đăng ký cho một nhân viên khác; không gửi được thao tác từ tài khoản này.",
            "This device is enrolled to another staff member; this account cannot send its actions.",
        ));
    }
    let mut head: Option<(u64, String)> = enrolled.map(|(s, h, _)| (s, h));
    let mut reply = BatchReply {
        acks: Vec::with_capacity(batch.entries.len()),
        breaks: Vec::new(),
    };
    if head.is_none() {
        new_device(tx, who, device, now, &mut reply)?;
    }
    for entry in &batch.entries {
        if let Some(ack) = already_stored(tx, who, device, entry)? {
            reply.acks.push(ack);
            continue;
        }
        let link = ChainLink {
            device_id: device.to_owned(),
            seq: entry.seq,
            prev_hash: entry.prev_hash.clone(),
            hash: entry.hash.clone(),
        };
        let known = head.as_ref().map(|(s, h)| (*s, h.as_str()));
        let chain_ok = chain::verify_chain(known, &[(link, entry.payload.as_bytes().to_vec())]);
        if let Err(found) = &chain_ok {
            let mut record_break = tx.prepare_cached(
                "INSERT INTO chain_break (device_id, staff_id, seq, kind, found_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            record_break.execute(params![
                device,
                who.account_id,
                entry.seq as i64,
                found.as_str(),
                now.to_rfc3339()
            ])?;
            reply.breaks.push(BreakReport {
                seq: entry.seq,
                kind: found.as_str().to_owned(),
                text_vi: found.message_vi(),
                text_en: found.message_en(),
            });
        }
        if head.as_ref().is_none_or(|(s, _)| entry.seq > *s) {
            head = Some((entry.seq, entry.hash.clone()));
        }
        let (outcome, reason, kind, visit_id) = match parse_payload(&entry.payload) {
            Ok(body) => {
                let (outcome, reason) = if chain_ok.is_ok() {
                    refusal_as_outcome(tx, || apply(tx, who, &entry.key, &body, ctx, now))?
                } else {
                    (
                        Outcome::Quarantined,
                        Some(Reason::ChainCheckFailed.code().to_owned()),
                    )
                };
                (
                    outcome,
                    reason,
                    body.action.kind().to_owned(),
                    body.action.visit_id().to_owned(),
                )
            }
            Err(why) => (
                Outcome::Rejected,
                Some(why.code().to_owned()),
                "unknown".to_owned(),
                String::new(),
            ),
        };
        let mut store = tx.prepare_cached(
            "INSERT INTO staff_action (key, device_id, staff_id, seq, prev_hash, hash, payload, kind,
                                       visit_id, outcome, reason, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        store.execute(params![
            entry.key,
            device,
            who.account_id,
            entry.seq as i64,
            entry.prev_hash,
            entry.hash,
            entry.payload,
            kind,
            visit_id,
            outcome.as_str(),
            reason,
            now.to_rfc3339()
        ])?;
        reply.acks.push(Ack {
            key: entry.key.clone(),
            seq: entry.seq,
            outcome,
            reason,
        });
    }
    if let Some((seq, hash)) = head {
        let mut move_head = tx.prepare_cached(
            "INSERT INTO device_chain (device_id, staff_id, last_seq, last_hash) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (device_id) DO UPDATE SET last_seq = ?3, last_hash = ?4",
        )?;
        move_head.execute(params![device, who.account_id, seq as i64, hash])?;
    }
    Ok(reply)
}

/// A device seen for the first time: enrolled to `who` (by the head row
/// written at the end of the batch). If the account has sent from other
/// devices before, the switch is recorded and reported, so a fresh device
/// id cannot quietly hide entries the old one never sent.
fn new_device(
    tx: &Transaction<'_>,
    who: &Principal,
    device: &str,
    now: DateTime<Utc>,
    reply: &mut BatchReply,
) -> CoreResult<()> {
    let previous: Option<(String, i64)> = tx
        .prepare_cached(
            "SELECT device_id, last_seq FROM device_chain WHERE staff_id = ?1 ORDER BY rowid DESC LIMIT 1",
        )?
        .query_row([&who.account_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((old, last_seq)) = previous else {
        return Ok(());
    };
    tx.prepare_cached(
        "INSERT INTO chain_break (device_id, staff_id, seq, kind, found_at) VALUES (?1, ?2, ?3, 'new_device', ?4)",
    )?
    .execute(params![device, who.account_id, last_seq, now.to_rfc3339()])?;
    reply.breaks.push(BreakReport {
        seq: 0,
        kind: "new_device".to_owned(),
        text_vi: format!(
            "Tài khoản gửi từ một thiết bị mới; thiết bị trước ({old}) dừng ở thao tác số {last_seq}. Đã ghi lại để bưu cục kiểm tra."
        ),
        text_en: format!(
            "This account sends from a new device; the previous one ({old}) stopped at entry {last_seq}. Recorded for the office to check."
        ),
    });
    Ok(())
}

/// The action in an entry's payload, once its texts are checked; `Err`
/// names why it cannot be read.
fn parse_payload(payload: &str) -> Result<ActionBody, Reason> {
    let value: serde_json::Value = serde_json::from_str(payload).map_err(|_| Reason::Unreadable)?;
    crate::edge::hygiene::check_value(&value).map_err(|_| Reason::UnsafeText)?;
    serde_json::from_value(value).map_err(|_| Reason::Unreadable)
}

/// Why `entry` cannot even be stored (its key, number, hashes or size),
/// if so.
fn malformed(entry: &ActionEntry) -> Option<Reason> {
    if entry.key.is_empty() || entry.key.len() > MAX_KEY {
        Some(Reason::InvalidKey)
    } else if entry.hash.len() > MAX_HASH
        || entry.prev_hash.len() > MAX_HASH
        || !(1..=MAX_SEQ).contains(&entry.seq)
    {
        Some(Reason::InvalidEntry)
    } else if entry.payload.len() > MAX_PAYLOAD {
        Some(Reason::TooLarge)
    } else {
        None
    }
}

/// Runs `apply` under a savepoint. A refusal it raises (a conflict such as
/// a citizen's daily dossier limit, invalid or missing data) undoes what it
/// wrote and becomes the entry's `rejected` outcome with the error's code,
/// so one bad entry never fails the batch; a storage fault still does.
fn refusal_as_outcome(
    tx: &Transaction<'_>,
    apply: impl FnOnce() -> CoreResult<Applied>,
) -> CoreResult<Applied> {
    tx.execute_batch("SAVEPOINT entry")?;
    let result = apply();
    let refused = match &result {
        Err(e) => matches!(
            e.kind(),
            dvc_core::ErrorKind::Conflict
                | dvc_core::ErrorKind::InvalidData
                | dvc_core::ErrorKind::NotFound
        ),
        Ok(_) => false,
    };
    if result.is_ok() {
        tx.execute_batch("RELEASE entry")?;
    } else {
        tx.execute_batch("ROLLBACK TO entry; RELEASE entry")?;
    }
    match result {
        Err(e) if refused => {
            let code = e
                .reason()
                .or_else(|| e.field().map(|_| Reason::InvalidData.code()))
                .unwrap_or(e.kind().as_str());
            Ok((Outcome::Rejected, Some(code.to_owned())))
        }
        other => other,
    }
}

fn already_stored(
    conn: &Connection,
    who: &Principal,
    device: &str,
    entry: &ActionEntry,
) -> CoreResult<Option<Ack>> {
    Ok(conn
        .prepare_cached(
            "SELECT seq FROM staff_action WHERE staff_id = ?1 AND device_id = ?2 AND key = ?3",
        )?
        .query_row(params![who.account_id, device, entry.key], |r| {
            r.get::<_, i64>(0)
        })
        .optional()?
        .map(|seq| Ack {
            key: entry.key.clone(),
            seq: seq as u64,
            outcome: Outcome::Duplicate,
            reason: None,
        }))
}

type Applied = (Outcome, Option<String>);

fn rejected(reason: Reason) -> Applied {
    (Outcome::Rejected, Some(reason.code().to_owned()))
}

fn superseded(reason: Reason) -> Applied {
    (Outcome::Superseded, Some(reason.code().to_owned()))
}

/// Applies one action; the server's state wins over a late device.
fn apply(
    tx: &Transaction<'_>,
    who: &Principal,
    key: &str,
    body: &ActionBody,
    ctx: &Context<'_>,
    now: DateTime<Utc>,
) -> CoreResult<Applied> {
    let Some(stored) = visits::find(tx, body.action.visit_id())? else {
        return Ok(rejected(Reason::UnknownVisit));
    };
    if stored.assignee_id != who.account_id {
        return Ok(rejected(Reason::NotAssigned));
    }
    if matches!(stored.visit.state, VisitState::Done | VisitState::Returned) {
        return Ok(superseded(Reason::VisitClosed));
    }
    // The device's clock dates the action (it may sync days later), but an
    // action cannot have happened before its visit existed, nor after it
    // arrived (a few minutes of clock drift allowed, then capped).
    if body.at < stored.created_at - chrono::Duration::minutes(CLOCK_DRIFT_MINUTES) {
        return Ok(rejected(Reason::TimeBeforeVisit));
    }
    if body.at > now + chrono::Duration::minutes(CLOCK_DRIFT_MINUTES) {
        return Ok(rejected(Reason::TimeInFuture));
    }
    let at = body.at.min(now).max(stored.created_at);
    let proofs = body.action.proofs();
    let hashes: Vec<&str> = proofs.iter().map(|(_, h)| *h).collect();
    let applied = match &body.action {
        FieldAction::Pickup {
            dossier_code,
            sealed_bag,
            new_dossier,
            ..
        } => {
            if !crate::files::links::check_proofs(tx, who, &hashes)? {
                return Ok(rejected(Reason::FileMissing));
            }
            pickup(
                tx,
                &stored,
                dossier_code.as_deref(),
                sealed_bag,
                new_dossier.as_ref(),
                at,
                ctx,
            )
        }
        FieldAction::Deliver {
            s10,
            relation,
            recipient_name,
            identity_checked,
            signature_sha256,
            photo_sha256,
            ..
        } => {
            if !identity_checked {
                return Ok(rejected(Reason::IdentityNotChecked));
            }
            if recipient_name.trim().is_empty() {
                return Ok(rejected(Reason::NoRecipient));
            }
            if !is_sha256(signature_sha256)
                || photo_sha256.as_deref().is_some_and(|h| !is_sha256(h))
            {
                return Ok(rejected(Reason::BadEvidenceHash));
            }
            if !crate::files::links::check_proofs(tx, who, &hashes)? {
                return Ok(rejected(Reason::FileMissing));
            }
            deliver(tx, &stored, s10, relation.is_some(), at)
        }
        FieldAction::Fail { reason, .. } => {
            // The public track shows the structured reason; the staff
            // member's note stays in the stored action.
            let detail = (reason.text_vi().to_owned(), reason.text_en().to_owned());
            fail(tx, &stored, detail, at, ctx)
        }
    }?;
    // The proofs go with the dossier (a pickup may just have made it).
    if applied.0 == Outcome::Applied
        && !proofs.is_empty()
        && let Some(dossier) = visits::find(tx, &stored.visit.id)?.and_then(|v| v.visit.dossier_id)
    {
        crate::files::links::link_proofs(tx, &dossier, key, &proofs, at)?;
    }
    Ok(applied)
}

fn pickup(
    tx: &Transaction<'_>,
    stored: &StoredVisit,
    code: Option<&str>,
    sealed_bag: &str,
    new_dossier: Option<&OnTheSpot>,
    at: DateTime<Utc>,
    ctx: &Context<'_>,
) -> CoreResult<Applied> {
    let v = &stored.visit;
    if v.kind != VisitKind::Pickup {
        return Ok(rejected(Reason::NotAPickup));
    }
    let dossier_id = match (&v.dossier_id, new_dossier) {
        (Some(id), _) => {
            if code.is_some() && code != v.dossier_code.as_deref() {
                return Ok(rejected(Reason::WrongDossier));
            }
            id.clone()
        }
        (None, Some(spot)) => match file_on_the_spot(tx, &stored.office_id, spot, ctx) {
            Ok(d) => {
                visits::link_dossier(tx, &v.id, &d)?;
                d.id
            }
            Err(e) if e.kind() == dvc_core::ErrorKind::InvalidData => {
                return Ok(rejected(Reason::InvalidDossier));
            }
            Err(e) => return Err(e),
        },
        (None, None) => return Ok(rejected(Reason::NoDossier)),
    };
    visits::set_state(tx, &v.id, VisitState::Done, v.failed_attempts, at)?;
    tracks::record_step(
        tx,
        &dossier_id,
        PostalStep::Collected,
        None,
        None,
        Some((
            format!("túi niêm phong {sealed_bag}"),
            format!("sealed bag {sealed_bag}"),
        )),
        at,
    )?;
    Ok((Outcome::Applied, None))
}

/// Files the dossier a staff member made at the door, for the person's
/// account (made if new).
fn file_on_the_spot(
    tx: &Transaction<'_>,
    office_id: &str,
    spot: &OnTheSpot,
    ctx: &Context<'_>,
) -> CoreResult<dvc_core::api::model::Dossier> {
    let phone = dvc_core::phone::normalize_phone(&spot.citizen_phone)?;
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM account WHERE kind = 'citizen' AND phone = ?1",
            [&phone],
            |r| r.get(0),
        )
        .optional()?;
    let account_id = match existing {
        Some(id) => id,
        None => {
            let id = dvc_core::ids::new_id()?;
            tx.execute(
                "INSERT INTO account (id, kind, phone, created_at) VALUES (?1, 'citizen', ?2, ?3)",
                params![id, phone, ctx.now.to_rfc3339()],
            )?;
            id
        }
    };
    let citizen = Principal {
        kind: AccountKind::Citizen,
        account_id,
        phone: Some(phone),
        username: None,
        office_id: None,
        staff_role: None,
    };
    dossiers::file(
        tx,
        &citizen,
        &NewDossier {
            procedure_code: spot.procedure_code.clone(),
            office_id: office_id.to_owned(),
            profile: None,
            documents: spot.documents.clone(),
            booking_id: None,
            delivery: spot.delivery.clone(),
            pages: Vec::new(),
        },
        ctx.catalogue,
        &ctx.filing,
        &dvc_core::files::FileLimits::default(),
        ctx.now,
    )
}

fn deliver(
    tx: &Transaction<'_>,
    stored: &StoredVisit,
    s10: &str,
    by_relative: bool,
    at: DateTime<Utc>,
) -> CoreResult<Applied> {
    let v = &stored.visit;
    if v.kind != VisitKind::Delivery {
        return Ok(rejected(Reason::NotADelivery));
    }
    let Some(item) = v.s10.as_deref() else {
        return Ok(rejected(Reason::NoItem));
    };
    if s10
        .trim()
        .parse::<dvc_core::tracking::s10::S10>()
        .map(|s| s.as_str() == item)
        != Ok(true)
    {
        return Ok(rejected(Reason::WrongItem));
    }
    let Some(dossier_id) = v.dossier_id.as_deref() else {
        return Ok(rejected(Reason::NoDossier));
    };
    visits::set_state(tx, &v.id, VisitState::Done, v.failed_attempts, at)?;
    let detail = if by_relative {
        ("người nhận thay đã ký nhận", "signed for by a relative")
    } else {
        ("người nhận đã ký nhận", "signed for by the addressee")
    };
    tracks::record_step(
        tx,
        dossier_id,
        PostalStep::Delivered,
        Some(item),
        None,
        Some((detail.0.to_owned(), detail.1.to_owned())),
        at,
    )?;
    let current: i32 = tx
        .prepare_cached("SELECT status_code FROM dossier WHERE id = ?1")?
        .query_row([dossier_id], |r| r.get(0))?;
    if current == status::PROCESSED {
        tracks::set_status(tx, dossier_id, status::RETURNED, None, at)?;
    }
    Ok((Outcome::Applied, None))
}

fn fail(
    tx: &Transaction<'_>,
    stored: &StoredVisit,
    detail: (String, String),
    at: DateTime<Utc>,
    ctx: &Context<'_>,
) -> CoreResult<Applied> {
    let v = &stored.visit;
    let attempt = v.failed_attempts + 1;
    if v.kind == VisitKind::Pickup {
        visits::set_state(tx, &v.id, VisitState::Failed, attempt, at)?;
        return Ok((Outcome::Applied, None));
    }
    let (Some(item), Some(dossier_id)) = (v.s10.as_deref(), v.dossier_id.as_deref()) else {
        return Ok(rejected(Reason::NoItem));
    };
    let first: Option<String> = tx
        .prepare_cached("SELECT first_failed_at FROM postal_item WHERE s10 = ?1")?
        .query_row([item], |r| r.get(0))?;
    let first = match first {
        Some(text) => dvc_core::time::parse_stored(&text)?,
        None => {
            tx.prepare_cached("UPDATE postal_item SET first_failed_at = ?2 WHERE s10 = ?1")?
                .execute(params![item, at.to_rfc3339()])?;
            at
        }
    };
    tx.prepare_cached("UPDATE postal_item SET failed_attempts = ?2 WHERE s10 = ?1")?
        .execute(params![item, attempt])?;
    tracks::record_step(
        tx,
        dossier_id,
        PostalStep::DeliveryFailed,
        Some(item),
        Some(attempt),
        Some((
            format!("lần {attempt}: {}", detail.0),
            format!("attempt {attempt}: {}", detail.1),
        )),
        at,
    )?;
    let apart = ctx
        .calendar
        .working_days_between(to_vn(first).date_naive(), to_vn(at).date_naive())?;
    if attempt >= RETURN_AFTER_ATTEMPTS && apart >= RETURN_GAP_DAYS {
        visits::set_state(tx, &v.id, VisitState::Returned, attempt, at)?;
        tracks::record_step(
            tx,
            dossier_id,
            PostalStep::ReturnedToAgency,
            Some(item),
            None,
            Some((
                format!("sau {attempt} lần phát không thành công"),
                format!("after {attempt} failed attempts"),
            )),
            at,
        )?;
    } else {
        visits::set_state(tx, &v.id, VisitState::Failed, attempt, at)?;
    }
    Ok((Outcome::Applied, None))
}

/// True for 64 lowercase or uppercase hex digits.
fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}
