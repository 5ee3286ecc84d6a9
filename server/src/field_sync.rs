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
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::visits::{self, StoredVisit};
use crate::{dossiers, tracks};

/// Failed delivery attempts after which the result goes back, when the
/// last is at least [`RETURN_GAP_DAYS`] working days after the first.
const RETURN_AFTER_ATTEMPTS: u32 = 2;
/// Working days between the first and the last failed attempt.
const RETURN_GAP_DAYS: i64 = 2;
/// Entries accepted in one batch.
pub const MAX_BATCH: usize = 1_000;

/// What applying needs besides the database.
pub struct Context<'a> {
    /// Working days (for the two-attempt rule).
    pub calendar: &'a WorkingCalendar,
    /// Procedures (for dossiers created at the door).
    pub catalogue: &'a CatalogueData,
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
    let now = Utc::now();
    // Statements run once per entry are prepared once per connection.
    let mut head: Option<(u64, String)> = tx
        .prepare_cached("SELECT last_seq, last_hash FROM device_chain WHERE device_id = ?1")?
        .query_row([device], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))
        .optional()?;
    let mut reply = BatchReply {
        acks: Vec::with_capacity(batch.entries.len()),
        breaks: Vec::new(),
    };
    for entry in &batch.entries {
        if let Some(ack) = already_stored(tx, entry)? {
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
        if let Err(found) = chain::verify_chain(known, &[(link, entry.payload.as_bytes().to_vec())])
        {
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
        let (outcome, reason, kind, visit_id) =
            match serde_json::from_str::<ActionBody>(&entry.payload) {
                Ok(body) => {
                    let (outcome, reason) = apply(tx, who, &body, ctx)?;
                    (
                        outcome,
                        reason,
                        body.action.kind().to_owned(),
                        body.action.visit_id().to_owned(),
                    )
                }
                Err(_) => (
                    Outcome::Rejected,
                    Some("unreadable".to_owned()),
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

fn already_stored(conn: &Connection, entry: &ActionEntry) -> CoreResult<Option<Ack>> {
    if entry.key.is_empty() || entry.key.len() > 100 {
        return Err(CoreError::invalid(
            "key",
            "Khoá chống gửi trùng không hợp lệ.",
            "Invalid idempotency key.",
        ));
    }
    Ok(conn
        .prepare_cached("SELECT seq FROM staff_action WHERE key = ?1")?
        .query_row([&entry.key], |r| r.get::<_, i64>(0))
        .optional()?
        .map(|seq| Ack {
            key: entry.key.clone(),
            seq: seq as u64,
            outcome: Outcome::Duplicate,
            reason: None,
        }))
}

type Applied = (Outcome, Option<String>);

fn rejected(reason: &str) -> Applied {
    (Outcome::Rejected, Some(reason.to_owned()))
}

fn superseded(reason: &str) -> Applied {
    (Outcome::Superseded, Some(reason.to_owned()))
}

/// Applies one action; the server's state wins over a late device.
fn apply(
    tx: &Transaction<'_>,
    who: &Principal,
    body: &ActionBody,
    ctx: &Context<'_>,
) -> CoreResult<Applied> {
    let Some(stored) = visits::find(tx, body.action.visit_id())? else {
        return Ok(rejected("unknown_visit"));
    };
    if stored.assignee_id != who.account_id {
        return Ok(rejected("not_assigned"));
    }
    if matches!(stored.visit.state, VisitState::Done | VisitState::Returned) {
        return Ok(superseded("visit_closed"));
    }
    // The device's clock dates the action (it may sync days later), but an
    // action cannot have happened after it arrived.
    let at = body.at.min(Utc::now());
    match &body.action {
        FieldAction::Pickup {
            dossier_code,
            sealed_bag,
            new_dossier,
            ..
        } => pickup(
            tx,
            &stored,
            dossier_code.as_deref(),
            sealed_bag,
            new_dossier.as_ref(),
            at,
            ctx,
        ),
        FieldAction::Deliver { s10, relation, .. } => {
            deliver(tx, &stored, s10, relation.is_some(), at)
        }
        FieldAction::Fail { reason, note, .. } => {
            let detail = match note {
                Some(n) => (
                    format!("{}: {n}", reason.text_vi()),
                    format!("{}: {n}", reason.text_en()),
                ),
                None => (reason.text_vi().to_owned(), reason.text_en().to_owned()),
            };
            fail(tx, &stored, detail, at, ctx)
        }
    }
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
        return Ok(rejected("not_a_pickup"));
    }
    let dossier_id = match (&v.dossier_id, new_dossier) {
        (Some(id), _) => {
            if code.is_some() && code != v.dossier_code.as_deref() {
                return Ok(rejected("wrong_dossier"));
            }
            id.clone()
        }
        (None, Some(spot)) => match file_on_the_spot(tx, &stored.office_id, spot, ctx) {
            Ok(d) => {
                visits::link_dossier(tx, &v.id, &d)?;
                d.id
            }
            Err(e) if e.kind() == dvc_core::ErrorKind::InvalidData => {
                return Ok(rejected("invalid_dossier"));
            }
            Err(e) => return Err(e),
        },
        (None, None) => return Ok(rejected("no_dossier")),
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
                params![id, phone, Utc::now().to_rfc3339()],
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
        },
        ctx.catalogue,
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
        return Ok(rejected("not_a_delivery"));
    }
    let Some(item) = v.s10.as_deref() else {
        return Ok(rejected("no_item"));
    };
    if s10
        .trim()
        .parse::<dvc_core::tracking::s10::S10>()
        .map(|s| s.as_str() == item)
        != Ok(true)
    {
        return Ok(rejected("wrong_item"));
    }
    let Some(dossier_id) = v.dossier_id.as_deref() else {
        return Ok(rejected("no_dossier"));
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
    let current: u8 = tx
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
        return Ok(rejected("no_item"));
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
