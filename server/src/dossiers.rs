//! Filing dossiers: checks against the catalogue, the office and the
//! booking, the daily dossier code of the receiving unit, the signed QR.

use chrono::{DateTime, Utc};
use dvc_core::api::model::{AccountKind, Delivery, Dossier, NewDossier, Principal};
use dvc_core::catalogue::model::CatalogueData;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::dossier::code::{DossierCode, UnitCode};
use dvc_core::qr::documents::{DocumentMarks, MAX_DOCUMENTS};
use dvc_core::qr::payload::CodeContent;
use dvc_core::time::to_vn;
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::credentials::{self, CodeFacts};
use crate::offices;
use crate::state::FilingLimits;
use dvc_core::catalogue::model::Procedure;

/// Status codes (national): withdrawn by the citizen.
const WITHDRAWN: i32 = 7;

/// What the server keeps about a dossier beyond its columns.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Detail {
    #[serde(default)]
    profile: Option<ApplicantProfile>,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    booking_id: Option<String>,
    #[serde(default)]
    appointment: Option<DateTime<Utc>>,
    #[serde(default)]
    delivery: Delivery,
}

/// The start of the Vietnam day of `now`, as a UTC instant.
pub fn vn_day_start(now: DateTime<Utc>) -> DateTime<Utc> {
    let day = to_vn(now).date_naive();
    (day.and_hms_opt(0, 0, 0).unwrap_or_default() - chrono::Duration::hours(7)).and_utc()
}

/// Checks the citizen's caps: open dossiers and dossiers filed today.
fn check_caps(
    tx: &Connection,
    who: &Principal,
    limits: &FilingLimits,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let open: u32 = tx
        .prepare_cached(
            "SELECT count(*) FROM dossier WHERE owner_id = ?1 AND status_code NOT IN (3, 7, 8, 10)",
        )?
        .query_row([&who.account_id], |r| r.get(0))?;
    if open >= limits.max_open {
        return Err(CoreError::conflict(
            dvc_core::Reason::TooManyOpenDossiers,
            format!(
                "Bạn đang có {open} hồ sơ chưa xong; mỗi người tối đa {} hồ sơ cùng lúc.",
                limits.max_open
            ),
            format!(
                "You have {open} dossiers in progress; one person may have at most {} at a time.",
                limits.max_open
            ),
        ));
    }
    let start = vn_day_start(now);
    let today: u32 = tx
        .prepare_cached("SELECT count(*) FROM dossier WHERE owner_id = ?1 AND submitted_at >= ?2")?
        .query_row(params![who.account_id, start.to_rfc3339()], |r| r.get(0))?;
    if today >= limits.max_per_day {
        return Err(CoreError::conflict(
            dvc_core::Reason::DailyDossierLimit,
            format!(
                "Mỗi người nộp tối đa {} hồ sơ mỗi ngày. Vui lòng nộp tiếp vào ngày mai.",
                limits.max_per_day
            ),
            format!(
                "One person may file at most {} dossiers a day. Please file the rest tomorrow.",
                limits.max_per_day
            ),
        ));
    }
    Ok(())
}

/// Checks the profile against the procedure: answers only to its
/// questions, each once; a case only among its cases.
fn check_profile(procedure: &Procedure, profile: &ApplicantProfile) -> CoreResult<()> {
    if let Some(n) = profile.case {
        let options = procedure.cases.as_ref().map_or(0, |c| c.options.len());
        if usize::try_from(n).map_or(true, |n| n == 0 || n > options) {
            return Err(CoreError::conflict(
                dvc_core::Reason::UnknownQuestion,
                format!("Thủ tục {} không có trường hợp số {n}.", procedure.code),
                format!("Procedure {} has no case number {n}.", procedure.code),
            ));
        }
    }
    for (i, a) in profile.answers.iter().enumerate() {
        if !procedure.questions.iter().any(|q| q.id == a.question) {
            return Err(CoreError::conflict(
                dvc_core::Reason::UnknownQuestion,
                format!(
                    "Thủ tục {} không có câu hỏi «{}».",
                    procedure.code, a.question
                ),
                format!(
                    "Procedure {} has no question “{}”.",
                    procedure.code, a.question
                ),
            ));
        }
        if profile.answers[..i]
            .iter()
            .any(|b| b.question == a.question)
        {
            return Err(CoreError::conflict(
                dvc_core::Reason::DuplicateAnswer,
                format!("Câu hỏi «{}» được trả lời hai lần.", a.question),
                format!("The question “{}” is answered twice.", a.question),
            ));
        }
    }
    Ok(())
}

/// Files `req` for citizen `who`: a new dossier code and a signed QR.
pub fn file(
    tx: &Transaction<'_>,
    who: &Principal,
    req: &NewDossier,
    catalogue: &CatalogueData,
    limits: &FilingLimits,
    files: &dvc_core::files::FileLimits,
    now: DateTime<Utc>,
) -> CoreResult<Dossier> {
    let code = req.procedure_code.trim();
    let procedure = catalogue
        .procedures
        .iter()
        .find(|p| p.code == code)
        .ok_or_else(|| {
            CoreError::conflict(
                dvc_core::Reason::UnknownProcedure,
                format!("Không có thủ tục {code}."),
                format!("No procedure {code}."),
            )
        })?;
    if procedure.documents.len() > MAX_DOCUMENTS {
        return Err(CoreError::internal(format!(
            "{code} has too many documents"
        )));
    }
    for d in &req.documents {
        if !procedure.documents.iter().any(|p| &p.id == d) {
            return Err(CoreError::conflict(
                dvc_core::Reason::UnknownDocument,
                format!("Thủ tục {code} không có giấy tờ «{d}»."),
                format!("Procedure {code} has no document “{d}”."),
            ));
        }
    }
    // Kept in the catalogue's order, each once.
    let documents: Vec<String> = procedure
        .documents
        .iter()
        .filter(|p| req.documents.contains(&p.id))
        .map(|p| p.id.clone())
        .collect();
    let office = offices::one(tx, &req.office_id).map_err(|_| {
        CoreError::conflict(
            dvc_core::Reason::UnknownOffice,
            format!("Không có bưu cục {}.", req.office_id),
            format!("No office {}.", req.office_id),
        )
    })?;
    let unit: UnitCode = office.unit_code.parse()?;
    if let Delivery::Home { address } = &req.delivery
        && (address.trim().is_empty() || address.chars().count() > 300)
    {
        return Err(CoreError::conflict(
            dvc_core::Reason::NoAddress,
            "Cần địa chỉ nhận kết quả (tối đa 300 ký tự).",
            "A delivery address is needed (at most 300 characters).",
        ));
    }
    if let Some(profile) = &req.profile {
        check_profile(procedure, profile)?;
    }
    crate::files::links::check_pages(
        tx,
        who,
        procedure,
        &req.profile.clone().unwrap_or_default(),
        &documents,
        &req.pages,
        files,
    )?;
    check_caps(tx, who, limits, now)?;
    let appointment = match &req.booking_id {
        Some(id) => Some(booked_slot(tx, who, id, &office.id, &procedure.code)?),
        None => None,
    };
    let dossier_code = DossierCode::new(
        unit,
        to_vn(now).date_naive(),
        next_sequence(tx, &unit, now)?,
    )?;
    let content = CodeContent {
        procedure: procedure.code.clone(),
        documents: {
            // Marked against the documents the person's case needs.
            let profile = req.profile.clone().unwrap_or_default();
            let applicable: Vec<String> =
                dvc_core::checklist::build_checklist(procedure, &profile, &documents)
                    .items
                    .into_iter()
                    .map(|i| i.id)
                    .collect();
            DocumentMarks::for_checklist(procedure, &documents, &applicable)
        },
        appointment,
        home_delivery: matches!(req.delivery, Delivery::Home { .. }),
        issued_at: now,
    };
    let (qr, issued_at) = credentials::issue(
        tx,
        CodeFacts {
            code: dossier_code,
            content,
            previous: None,
        },
        now,
    )?;
    let detail = Detail {
        profile: req.profile.clone(),
        documents,
        booking_id: req.booking_id.clone(),
        appointment,
        delivery: req.delivery.clone(),
    };
    let id = dvc_core::ids::new_id()?;
    tx.execute(
        "INSERT INTO dossier (id, owner_id, procedure_code, office_id, status_code, submitted_at,
                              code, detail, qr, qr_issued_at, track_check)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            who.account_id,
            procedure.code,
            office.id,
            now.to_rfc3339(),
            dossier_code.to_string(),
            serde_json::to_string(&detail)?,
            qr,
            issued_at.to_rfc3339(),
            new_track_check()?
        ],
    )?;
    crate::files::links::link_pages(tx, &id, &req.pages, now)?;
    let dossier = by_id(tx, &id)?;
    crate::tracks::set_status(tx, &dossier.id, 1, None, now)?;
    Ok(dossier)
}

/// The start of the citizen's active booking `id` at `office_id`.
fn booked_slot(
    tx: &Connection,
    who: &Principal,
    id: &str,
    office_id: &str,
    procedure_code: &str,
) -> CoreResult<DateTime<Utc>> {
    let row: Option<(String, String, String, String, String)> = tx
        .query_row(
            "SELECT citizen_id, office_id, slot_start, status, procedure_code FROM booking WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let bad =
        |vi: String, en: String| CoreError::conflict(dvc_core::Reason::BookingMismatch, vi, en);
    match row {
        Some((owner, office, start, status, booked_for)) if owner == who.account_id => {
            if booked_for != procedure_code {
                Err(bad(
                    format!("Lịch hẹn {id} dành cho thủ tục khác ({booked_for})."),
                    format!("Booking {id} is for another procedure ({booked_for})."),
                ))
            } else if status != "active" {
                Err(bad(
                    format!("Lịch hẹn {id} đã hủy."),
                    format!("Booking {id} is cancelled."),
                ))
            } else if office != office_id {
                Err(bad(
                    format!("Lịch hẹn {id} ở bưu cục khác ({office})."),
                    format!("Booking {id} is at another office ({office})."),
                ))
            } else {
                dvc_core::time::parse_stored(&start)
            }
        }
        _ => Err(bad(
            format!("Không có lịch hẹn {id}."),
            format!("No booking {id}."),
        )),
    }
}

/// The next number of the day (Vietnam time) for `unit`.
fn next_sequence(tx: &Connection, unit: &UnitCode, now: DateTime<Utc>) -> CoreResult<u16> {
    let day = to_vn(now).date_naive().to_string();
    let last: Option<i64> = tx
        .query_row(
            "SELECT last FROM dossier_sequence WHERE unit_code = ?1 AND day = ?2",
            params![unit.to_string(), day],
            |r| r.get(0),
        )
        .optional()?;
    let next = last.unwrap_or(0) + 1;
    if next > 9999 {
        return Err(CoreError::conflict(
            dvc_core::Reason::DailyLimit,
            "Đơn vị đã nhận đủ 9999 hồ sơ hôm nay.",
            "The unit has received 9999 dossiers today.",
        ));
    }
    tx.execute(
        "INSERT INTO dossier_sequence (unit_code, day, last) VALUES (?1, ?2, ?3)
         ON CONFLICT (unit_code, day) DO UPDATE SET last = ?3",
        params![unit.to_string(), day, next],
    )?;
    Ok(next as u16)
}

/// Withdraws the citizen's dossier `id` (status 1 or 2 only) and revokes
/// its codes.
pub fn withdraw(
    tx: &Transaction<'_>,
    who: &Principal,
    id: &str,
    now: DateTime<Utc>,
) -> CoreResult<Dossier> {
    let dossier = visible(tx, who, Some(id))?
        .into_iter()
        .next()
        .ok_or_else(not_found)?;
    if dossier.status_code == WITHDRAWN {
        return Ok(dossier);
    }
    if dossier.status_code > 2 {
        return Err(CoreError::conflict(
            dvc_core::Reason::InProcess,
            "Hồ sơ đang được xử lý, không rút được trên ứng dụng.",
            "The dossier is in process and cannot be withdrawn in the app.",
        ));
    }
    crate::tracks::set_status(tx, &dossier.id, WITHDRAWN, None, now)?;
    if let Some(code) = &dossier.code {
        credentials::revoke(
            tx,
            code,
            now + chrono::Duration::days(36500),
            "withdrawn",
            now,
        )?;
    }
    by_id(tx, &dossier.id)
}

/// Dossier `id`, whoever may see it.
pub fn by_id(conn: &Connection, id: &str) -> CoreResult<Dossier> {
    query(conn, "id = ?1", &[&id])?
        .into_iter()
        .next()
        .ok_or_else(not_found)
}

/// The dossiers `who` may see (a citizen's own, a staff member's office's),
/// or only the one with that id or dossier code.
pub fn visible(conn: &Connection, who: &Principal, id: Option<&str>) -> CoreResult<Vec<Dossier>> {
    let (filter, value) = match who.kind {
        AccountKind::Citizen => ("owner_id = ?1", who.account_id.clone()),
        AccountKind::Staff => ("office_id = ?1", who.office_id.clone().unwrap_or_default()),
    };
    let mut found = match id {
        Some(id) => query(
            conn,
            &format!("{filter} AND (id = ?2 OR code = ?2)"),
            &[&value, &id],
        )?,
        None => query(conn, filter, &[&value])?,
    };
    if who.kind == AccountKind::Staff {
        // The receipt's check is the citizen's to hand out.
        for d in &mut found {
            d.track_check = None;
        }
    }
    Ok(found)
}

/// The dossier `id` (server id or code) if `who` may see it, else
/// "not found".
pub fn visible_one(conn: &Connection, who: &Principal, id: &str) -> CoreResult<Dossier> {
    visible(conn, who, Some(id))?
        .into_iter()
        .next()
        .ok_or_else(not_found)
}

/// One page of the dossiers `who` may see, newest first.
pub fn page(
    conn: &Connection,
    who: &Principal,
    limit: u32,
    offset: u32,
) -> CoreResult<Vec<Dossier>> {
    let (filter, value) = match who.kind {
        AccountKind::Citizen => ("owner_id = ?1", who.account_id.clone()),
        AccountKind::Staff => ("office_id = ?1", who.office_id.clone().unwrap_or_default()),
    };
    let mut found = query(
        conn,
        &format!("{filter} ORDER BY submitted_at DESC, id LIMIT ?2 OFFSET ?3"),
        &[&value, &limit, &offset],
    )?;
    if who.kind == AccountKind::Staff {
        for d in &mut found {
            d.track_check = None;
        }
    }
    Ok(found)
}

fn query(
    conn: &Connection,
    filter: &str,
    values: &[&dyn rusqlite::ToSql],
) -> CoreResult<Vec<Dossier>> {
    let filter = if filter.contains("ORDER BY") {
        filter.to_owned()
    } else {
        format!("{filter} ORDER BY submitted_at DESC, id")
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, code, procedure_code, office_id, status_code, submitted_at, detail, qr, track_check
         FROM dossier WHERE {filter}"
    ))?;
    let rows = stmt
        .query_map(values, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i32>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(
            |(id, code, procedure_code, office_id, status_code, at, detail, qr, track_check)| {
                let detail: Detail = serde_json::from_str(&detail)?;
                Ok(Dossier {
                    code,
                    procedure_code,
                    office_id,
                    status_code,
                    submitted_at: dvc_core::time::parse_stored(&at)?,
                    documents: detail.documents,
                    appointment: detail.appointment,
                    pages: crate::files::links::pages(conn, &id)?,
                    id,
                    delivery: detail.delivery,
                    qr,
                    track_check,
                })
            },
        )
        .collect()
}

/// The answer for a dossier that does not exist or is not the caller's.
pub fn not_found() -> CoreError {
    CoreError::not_found("Không tìm thấy hồ sơ.", "Dossier not found.")
}

/// A fresh six-digit check code: printed on the receipt and shown in the
/// citizen's app, asked for by the public track beside the dossier code.
fn new_track_check() -> CoreResult<String> {
    let n = u32::from_le_bytes(dvc_core::ids::random_bytes::<4>()?) % 1_000_000;
    Ok(format!("{n:06}"))
}
