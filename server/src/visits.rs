//! Home visits: the agency's delivery visits (made when a result goes to
//! the post) and pickup visits (booked by office staff for people who
//! cannot come), and each field staff member's worklist.

use chrono::{DateTime, Duration, Utc};
use dvc_core::api::model::{Dossier, Principal, StaffRole};
use dvc_core::catalogue::profile::Beneficiary;
use dvc_core::field::model::{NewPickup, Visit, VisitKind, VisitState, Worklist};
use dvc_core::tracking::model::{DeliveryTerms, Dispatch};
use dvc_core::tracking::postal::PostalStep;
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{dossiers, offices, tracks};

/// What a visit keeps beyond its columns.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Detail {
    beneficiary: Beneficiary,
    #[serde(default)]
    dossier_code: Option<String>,
    #[serde(default)]
    procedure_code: Option<String>,
    contact_name: String,
    contact_phone: String,
    address: String,
    latitude: f64,
    longitude: f64,
    window_start: DateTime<Utc>,
    window_end: DateTime<Utc>,
    items: Vec<String>,
    fee_vnd: i64,
}

/// The fee to collect at the door for `beneficiary`.
pub fn fee_for(beneficiary: Beneficiary, terms: &DeliveryTerms) -> i64 {
    if beneficiary.is_free() {
        0
    } else {
        terms.fee_vnd
    }
}

/// The field staff account `username` of `office_id`.
fn field_staff(conn: &Connection, username: &str, office_id: &str) -> CoreResult<String> {
    let row: Option<(String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT id, office_id, staff_role FROM account WHERE kind = 'staff' AND username = ?1",
            [username],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        Some((id, Some(office), Some(role)))
            if office == office_id && StaffRole::parse(&role) == Some(StaffRole::Field) =>
        {
            Ok(id)
        }
        _ => Err(CoreError::conflict(
            dvc_core::Reason::UnknownAssignee,
            format!("{username} không phải nhân viên đi hiện trường của bưu cục này."),
            format!("{username} is not a field staff member of this office."),
        )),
    }
}

fn check_place(
    latitude: f64,
    longitude: f64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> CoreResult<()> {
    if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
        return Err(CoreError::invalid(
            "latitude",
            "Toạ độ không hợp lệ.",
            "Invalid coordinates.",
        ));
    }
    if end <= start {
        return Err(CoreError::conflict(
            dvc_core::Reason::WindowOrder,
            "Khung giờ hẹn phải kết thúc sau khi bắt đầu.",
            "The time window must end after it starts.",
        ));
    }
    Ok(())
}

/// Makes the delivery visit of dossier `d`'s result, item `s10`, on
/// working day `day`.
#[allow(clippy::too_many_arguments)]
pub fn create_delivery(
    conn: &Connection,
    who: &Principal,
    d: &Dossier,
    address: &str,
    s10: &str,
    req: &Dispatch,
    now: DateTime<Utc>,
    terms: &DeliveryTerms,
    day: chrono::NaiveDate,
) -> CoreResult<String> {
    let office = who.office_id.clone().unwrap_or_default();
    let assignee = field_staff(conn, &req.assignee, &office)?;
    // 08:00–17:00 Vietnam time on `day` (01:00–10:00 UTC).
    let start = day.and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let end = start + Duration::hours(9);
    check_place(req.latitude, req.longitude, start, end)?;
    let detail = Detail {
        beneficiary: req.beneficiary,
        dossier_code: d.code.clone(),
        procedure_code: Some(d.procedure_code.clone()),
        contact_name: req.contact_name.clone(),
        contact_phone: req.contact_phone.clone(),
        address: address.to_owned(),
        latitude: req.latitude,
        longitude: req.longitude,
        window_start: start,
        window_end: end,
        items: vec![format!(
            "Kết quả hồ sơ {} (bưu gửi {s10})",
            d.code.as_deref().unwrap_or(&d.id)
        )],
        fee_vnd: fee_for(req.beneficiary, terms),
    };
    insert(
        conn,
        VisitKind::Delivery,
        &assignee,
        &office,
        Some(&d.id),
        Some(s10),
        &detail,
        now,
    )
}

/// Books a pickup visit at `req.address`.
pub fn create_pickup(
    conn: &Connection,
    who: &Principal,
    req: &NewPickup,
    terms: &DeliveryTerms,
    catalogue: &dvc_core::catalogue::model::CatalogueData,
    now: DateTime<Utc>,
) -> CoreResult<Visit> {
    let office = who.office_id.clone().unwrap_or_default();
    let assignee = field_staff(conn, &req.assignee, &office)?;
    check_place(
        req.latitude,
        req.longitude,
        req.window_start,
        req.window_end,
    )?;
    if req.address.trim().is_empty() || req.contact_name.trim().is_empty() {
        return Err(CoreError::conflict(
            dvc_core::Reason::NoAddress,
            "Cần địa chỉ và tên người hẹn.",
            "An address and a contact name are needed.",
        ));
    }
    let dossier = match &req.dossier {
        Some(key) => Some(
            dossiers::visible(conn, who, Some(key))?
                .into_iter()
                .next()
                .ok_or_else(dossiers::not_found)?,
        ),
        None => None,
    };
    if let Some(code) = &req.procedure_code
        && !catalogue.procedures.iter().any(|p| &p.code == code)
    {
        return Err(CoreError::conflict(
            dvc_core::Reason::UnknownProcedure,
            "Không có thủ tục này trong danh mục.",
            "No such procedure in the catalogue.",
        ));
    }
    let contact_phone = dvc_core::phone::normalize_phone(&req.contact_phone)?;
    let procedure_code = dossier
        .as_ref()
        .map(|d| d.procedure_code.clone())
        .or_else(|| req.procedure_code.clone());
    let procedure = procedure_code
        .as_deref()
        .and_then(|code| catalogue.procedures.iter().find(|p| p.code == code));
    let mut items = vec![match procedure {
        Some(p) => format!("Hồ sơ: {}", p.name_vi),
        None => "Hồ sơ (thủ tục chọn tại nhà)".to_owned(),
    }];
    if let Some(p) = procedure {
        items.extend(p.documents.iter().map(|doc| {
            format!(
                " – {} ({} bản chính, {} bản sao)",
                doc.name_vi, doc.originals, doc.copies
            )
        }));
    }
    let detail = Detail {
        beneficiary: req.beneficiary,
        dossier_code: dossier.as_ref().and_then(|d| d.code.clone()),
        procedure_code,
        contact_name: req.contact_name.trim().to_owned(),
        contact_phone,
        address: req.address.trim().to_owned(),
        latitude: req.latitude,
        longitude: req.longitude,
        window_start: req.window_start,
        window_end: req.window_end,
        items,
        fee_vnd: fee_for(req.beneficiary, terms),
    };
    let id = insert(
        conn,
        VisitKind::Pickup,
        &assignee,
        &office,
        dossier.as_ref().map(|d| d.id.as_str()),
        None,
        &detail,
        now,
    )?;
    if let Some(d) = &dossier {
        tracks::record_step(
            conn,
            &d.id,
            PostalStep::PickupRequested,
            None,
            None,
            None,
            now,
        )?;
    }
    one(conn, &id)
}

/// A citizen's request for a home pickup: a pickup visit on the worklist
/// of the office's least busy field staff member, on the next working day
/// 08:00–12:00 (Vietnam time).
pub fn request_pickup(
    conn: &Connection,
    citizen: &Principal,
    req: &dvc_core::field::model::PickupRequest,
    terms: &DeliveryTerms,
    calendar: &dvc_core::calendar::WorkingCalendar,
    catalogue: &dvc_core::catalogue::model::CatalogueData,
    now: DateTime<Utc>,
) -> CoreResult<Visit> {
    let office = offices::one(conn, &req.office_id).map_err(|_| {
        CoreError::conflict(
            dvc_core::Reason::UnknownOffice,
            format!("Không có bưu cục {}.", req.office_id),
            format!("No office {}.", req.office_id),
        )
    })?;
    let assignee: Option<(String, String)> = conn
        .query_row(
            "SELECT a.id, a.username FROM account a
             WHERE a.kind = 'staff' AND a.staff_role = 'field' AND a.office_id = ?1 AND a.disabled_at IS NULL
             ORDER BY (SELECT count(*) FROM visit v WHERE v.assignee_id = a.id AND v.state IN ('open', 'failed')), a.username
             LIMIT 1",
            [&office.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((_, username)) = assignee else {
        return Err(CoreError::conflict(
            dvc_core::Reason::NoFieldStaff,
            "Bưu cục này chưa có nhân viên đi thu hồ sơ tại nhà.",
            "This office has no field staff for home pickups yet.",
        ));
    };
    let day = calendar.add_working_days(dvc_core::time::to_vn(now).date_naive(), 1)?;
    let start = (day.and_hms_opt(8, 0, 0).unwrap_or_default() - Duration::hours(7)).and_utc();
    let staff_view = Principal {
        kind: dvc_core::api::model::AccountKind::Staff,
        account_id: String::new(),
        phone: None,
        username: None,
        office_id: Some(office.id.clone()),
        staff_role: Some(StaffRole::Counter),
    };
    // The citizen may only name their own dossier.
    let dossier = match &req.dossier {
        Some(key) => Some(
            dossiers::visible(conn, citizen, Some(key))?
                .into_iter()
                .next()
                .ok_or_else(dossiers::not_found)?
                .id,
        ),
        None => None,
    };
    create_pickup(
        conn,
        &staff_view,
        &NewPickup {
            dossier,
            procedure_code: req.procedure_code.clone(),
            assignee: username,
            beneficiary: req.beneficiary,
            contact_name: req.contact_name.clone(),
            contact_phone: citizen.phone.clone().unwrap_or_default(),
            address: req.address.clone(),
            latitude: req.latitude.unwrap_or(office.latitude),
            longitude: req.longitude.unwrap_or(office.longitude),
            window_start: start,
            window_end: start + Duration::hours(4),
        },
        terms,
        catalogue,
        now,
    )
}

#[allow(clippy::too_many_arguments)]
fn insert(
    conn: &Connection,
    kind: VisitKind,
    assignee: &str,
    office: &str,
    dossier_id: Option<&str>,
    s10: Option<&str>,
    detail: &Detail,
    now: DateTime<Utc>,
) -> CoreResult<String> {
    let id = dvc_core::ids::new_id()?;
    conn.execute(
        "INSERT INTO visit (id, kind, assignee_id, office_id, dossier_id, s10, state, failed_attempts,
                            data, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', 0, ?7, ?8, ?8)",
        params![
            id,
            kind.as_str(),
            assignee,
            office,
            dossier_id,
            s10,
            serde_json::to_string(detail)?,
            now.to_rfc3339()
        ],
    )?;
    Ok(id)
}

/// A visit with its assignee's account id.
pub struct StoredVisit {
    /// The visit.
    pub visit: Visit,
    /// Who it is assigned to.
    pub assignee_id: String,
    /// The office it belongs to.
    pub office_id: String,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it was made (no field action can be older).
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "v.id, v.kind, v.dossier_id, v.s10, v.state, v.failed_attempts, v.data, v.assignee_id, v.updated_at, v.office_id, v.created_at";

/// One `visit` row as stored.
struct Row {
    id: String,
    kind: String,
    dossier_id: Option<String>,
    s10: Option<String>,
    state: String,
    failed_attempts: i32,
    data: String,
    assignee_id: String,
    updated_at: String,
    office_id: String,
    created_at: String,
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        kind: r.get(1)?,
        dossier_id: r.get(2)?,
        s10: r.get(3)?,
        state: r.get(4)?,
        failed_attempts: r.get(5)?,
        data: r.get(6)?,
        assignee_id: r.get(7)?,
        updated_at: r.get(8)?,
        office_id: r.get(9)?,
        created_at: r.get(10)?,
    })
}

fn build(row: Row) -> CoreResult<StoredVisit> {
    let detail: Detail = serde_json::from_str(&row.data)?;
    Ok(StoredVisit {
        visit: Visit {
            id: row.id,
            kind: VisitKind::parse(&row.kind).unwrap_or(VisitKind::Delivery),
            beneficiary: detail.beneficiary,
            dossier_id: row.dossier_id,
            dossier_code: detail.dossier_code,
            procedure_code: detail.procedure_code,
            s10: row.s10,
            contact_name: detail.contact_name,
            contact_phone: detail.contact_phone,
            address: detail.address,
            latitude: detail.latitude,
            longitude: detail.longitude,
            window_start: detail.window_start,
            window_end: detail.window_end,
            items: detail.items,
            fee_vnd: detail.fee_vnd,
            failed_attempts: row.failed_attempts,
            state: VisitState::parse(&row.state).unwrap_or(VisitState::Open),
        },
        assignee_id: row.assignee_id,
        office_id: row.office_id,
        updated_at: dvc_core::time::parse_stored(&row.updated_at)?,
        created_at: dvc_core::time::parse_stored(&row.created_at)?,
    })
}

/// Visit `id`, if it exists.
pub fn find(conn: &Connection, id: &str) -> CoreResult<Option<StoredVisit>> {
    // Runs once per received field action: the statement is kept prepared.
    let row = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM visit v WHERE v.id = ?1"))?
        .query_row([id], read)
        .optional()?;
    row.map(build).transpose()
}

fn one(conn: &Connection, id: &str) -> CoreResult<Visit> {
    find(conn, id)?
        .map(|v| v.visit)
        .ok_or_else(|| CoreError::not_found("Không có lượt thăm này.", "No such visit."))
}

/// Field staff member `who`'s worklist: open and failed visits, oldest
/// window first, starting from their office.
pub fn worklist(conn: &Connection, who: &Principal) -> CoreResult<Worklist> {
    let office = offices::one(conn, who.office_id.as_deref().unwrap_or_default())?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM visit v WHERE v.assignee_id = ?1 AND v.state IN ('open', 'failed')
         ORDER BY json_extract(v.data, '$.window_start'), v.id"
    ))?;
    let rows = stmt
        .query_map([&who.account_id], read)?
        .collect::<Result<Vec<_>, _>>()?;
    let visits = rows
        .into_iter()
        .map(|r| build(r).map(|s| s.visit))
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(Worklist {
        staff: who.username.clone().unwrap_or_default(),
        office_id: office.id,
        start_latitude: office.latitude,
        start_longitude: office.longitude,
        visits,
    })
}

/// Moves visit `id` to `state` with `failed_attempts`.
pub fn set_state(
    conn: &Connection,
    id: &str,
    state: VisitState,
    failed_attempts: i32,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "UPDATE visit SET state = ?2, failed_attempts = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id,
        state.as_str(),
        failed_attempts,
        at.to_rfc3339()
    ])?;
    Ok(())
}

/// Links pickup visit `id` to the dossier created at the door.
pub fn link_dossier(conn: &Connection, id: &str, dossier: &Dossier) -> CoreResult<()> {
    conn.execute(
        "UPDATE visit SET dossier_id = ?2,
             data = json_set(data, '$.dossier_code', ?3, '$.procedure_code', ?4) WHERE id = ?1",
        params![id, dossier.id, dossier.code, dossier.procedure_code],
    )?;
    Ok(())
}
