//! Booking on the server: each change in one IMMEDIATE transaction, so a
//! slot never holds more people than its capacity however many requests
//! race; limits per citizen (no hoarding); cancel frees the place;
//! reschedule takes the new place and releases the old one at once.

use chrono::{DateTime, Utc};
use dvc_core::api::model::{Booking, BookingStatus, NewBooking, Office, Principal, Priority, Slot};
use dvc_core::booking::BookingRules;
use dvc_core::booking::slots::{bookable_slots, find_bookable};
use dvc_core::calendar::WorkingCalendar;
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::offices;

/// The slots of `office_id` on `day` with how full each is.
pub fn slots(
    conn: &Connection,
    office_id: &str,
    day: chrono::NaiveDate,
    calendar: &WorkingCalendar,
    rules: &BookingRules,
    now: DateTime<Utc>,
) -> CoreResult<Vec<Slot>> {
    let office = offices::one(conn, office_id)?;
    let times = bookable_slots(&office, day, calendar, rules, now)?;
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM booking WHERE office_id = ?1 AND slot_start = ?2 AND status = 'active'",
    )?;
    let mut out = Vec::with_capacity(times.len());
    for (start, end) in times {
        let booked: i32 = stmt.query_row(params![office_id, start.to_rfc3339()], |r| r.get(0))?;
        out.push(Slot {
            start,
            end,
            capacity: office.capacity_per_slot,
            booked,
            free: office.capacity_per_slot.saturating_sub(booked),
        });
    }
    Ok(out)
}

/// Books a slot for `who` (a citizen).
#[allow(clippy::too_many_arguments)]
pub fn book(
    tx: &Transaction<'_>,
    who: &Principal,
    req: &NewBooking,
    calendar: &WorkingCalendar,
    rules: &BookingRules,
    catalogue: &dvc_core::catalogue::model::CatalogueData,
    now: DateTime<Utc>,
) -> CoreResult<Booking> {
    let office = offices::one(tx, &req.office_id)?;
    let (start, _) = find_bookable(&office, req.slot_start, calendar, rules, now)?;
    let code = req.procedure_code.trim();
    if !catalogue.procedures.iter().any(|p| p.code == code) {
        let shown: String = code.chars().take(40).collect();
        return Err(CoreError::conflict(
            dvc_core::Reason::UnknownProcedure,
            format!("Không có thủ tục {shown} trong danh mục."),
            format!("No procedure {shown} in the catalogue."),
        ));
    }
    let active: Vec<String> = {
        let mut stmt = tx.prepare_cached(
            "SELECT procedure_code FROM booking WHERE citizen_id = ?1 AND status = 'active'",
        )?;
        stmt.query_map([&who.account_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    if active.iter().any(|c| c == code) {
        return Err(CoreError::conflict(
            dvc_core::Reason::AlreadyBooked,
            "Bạn đã có một lịch hẹn cho thủ tục này. Hãy đổi giờ hoặc huỷ lịch cũ.",
            "You already have an appointment for this procedure. Move or cancel it instead.",
        ));
    }
    if i32::try_from(active.len()).unwrap_or(i32::MAX) >= rules.max_active_per_citizen {
        return Err(CoreError::conflict(
            dvc_core::Reason::TooManyBookings,
            format!(
                "Mỗi người giữ tối đa {} lịch hẹn cùng lúc.",
                rules.max_active_per_citizen
            ),
            format!(
                "One person may hold at most {} appointments at a time.",
                rules.max_active_per_citizen
            ),
        ));
    }
    // One place a day per person and office: a handful of accounts cannot
    // take a whole day.
    let day = dvc_core::time::to_vn(start).date_naive();
    let day_start =
        (day.and_hms_opt(0, 0, 0).unwrap_or_default() - chrono::Duration::hours(7)).and_utc();
    let same_day: u32 = tx
        .prepare_cached(
            "SELECT count(*) FROM booking WHERE citizen_id = ?1 AND office_id = ?2 AND status = 'active'
                 AND slot_start >= ?3 AND slot_start < ?4",
        )?
        .query_row(
            params![
                who.account_id,
                office.id,
                day_start.to_rfc3339(),
                (day_start + chrono::Duration::days(1)).to_rfc3339()
            ],
            |r| r.get(0),
        )?;
    if same_day > 0 {
        return Err(CoreError::conflict(
            dvc_core::Reason::OnePerDay,
            "Bạn đã có lịch hẹn ở bưu cục này trong ngày đó. Hãy làm các thủ tục trong cùng một lần hẹn.",
            "You already have an appointment at this office that day. Handle your procedures in that one visit.",
        ));
    }
    ensure_free(tx, &office, start, None)?;
    let id = dvc_core::ids::new_id()?;
    tx.execute(
        "INSERT INTO booking (id, citizen_id, office_id, slot_start, procedure_code, priority, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'active', ?7, ?7)",
        params![id, who.account_id, office.id, start.to_rfc3339(), code, req.priority.map(Priority::as_str), now.to_rfc3339()],
    )?;
    get(tx, who, &id, rules)
}

/// Cancels booking `id` of `who`; cancelling twice changes nothing.
pub fn cancel(
    tx: &Transaction<'_>,
    who: &Principal,
    id: &str,
    rules: &BookingRules,
    now: DateTime<Utc>,
) -> CoreResult<Booking> {
    let booking = get(tx, who, id, rules)?;
    if booking.status == BookingStatus::Active {
        tx.execute(
            "UPDATE booking SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
            params![id, now.to_rfc3339()],
        )?;
    }
    get(tx, who, id, rules)
}

/// Moves booking `id` of `who` to the slot starting at `start` of the same
/// office: the new place is taken and the old one freed in one step, or
/// nothing changes.
pub fn reschedule(
    tx: &Transaction<'_>,
    who: &Principal,
    id: &str,
    start: DateTime<Utc>,
    calendar: &WorkingCalendar,
    rules: &BookingRules,
    now: DateTime<Utc>,
) -> CoreResult<Booking> {
    let booking = get(tx, who, id, rules)?;
    if booking.status != BookingStatus::Active {
        return Err(CoreError::conflict(
            dvc_core::Reason::Cancelled,
            "Lịch hẹn đã huỷ.",
            "The appointment was cancelled.",
        ));
    }
    let office = offices::one(tx, &booking.office_id)?;
    let (start, _) = find_bookable(&office, start, calendar, rules, now)?;
    if start == booking.slot_start {
        return Ok(booking);
    }
    ensure_free(tx, &office, start, Some(id))?;
    tx.execute(
        "UPDATE booking SET slot_start = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, start.to_rfc3339(), now.to_rfc3339()],
    )?;
    get(tx, who, id, rules)
}

/// Bookings `who` may see: a citizen's own (newest slot first), or the
/// active ones at a staff member's office (with phone and priority).
pub fn list(conn: &Connection, who: &Principal, rules: &BookingRules) -> CoreResult<Vec<Booking>> {
    let (filter, value) = match who.kind {
        dvc_core::api::model::AccountKind::Citizen => ("b.citizen_id = ?1", who.account_id.clone()),
        dvc_core::api::model::AccountKind::Staff => (
            "b.office_id = ?1 AND b.status = 'active'",
            who.office_id.clone().unwrap_or_default(),
        ),
    };
    let sql = format!("{SELECT} WHERE {filter} ORDER BY b.slot_start");
    let mut stmt = conn.prepare_cached(&sql)?;
    let staff = who.kind == dvc_core::api::model::AccountKind::Staff;
    let rows = stmt.query_map([value], |r| read(r, rules, staff))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Booking `id` if `who` may see it ("not found" otherwise).
pub fn get(
    conn: &Connection,
    who: &Principal,
    id: &str,
    rules: &BookingRules,
) -> CoreResult<Booking> {
    let staff = who.kind == dvc_core::api::model::AccountKind::Staff;
    let found = conn
        .query_row(&format!("{SELECT} WHERE b.id = ?1"), [id], |r| {
            Ok((read(r, rules, staff)?, r.get::<_, String>(11)?))
        })
        .optional()?;
    match found {
        Some((b, citizen))
            if citizen == who.account_id
                || (staff && who.office_id.as_deref() == Some(b.office_id.as_str())) =>
        {
            Ok(b)
        }
        _ => Err(CoreError::not_found(
            "Không tìm thấy lịch hẹn.",
            "Appointment not found.",
        )),
    }
}

const SELECT: &str = "SELECT b.id, b.office_id, json_extract(o.data, '$.name'), json_extract(o.data, '$.address'),
        b.procedure_code, b.slot_start, b.priority, b.status, b.created_at, a.phone, NULL, b.citizen_id
    FROM booking b JOIN office o ON o.id = b.office_id JOIN account a ON a.id = b.citizen_id";

fn read(r: &rusqlite::Row<'_>, rules: &BookingRules, staff: bool) -> rusqlite::Result<Booking> {
    let time = |i: usize| -> rusqlite::Result<DateTime<Utc>> {
        let s: String = r.get(i)?;
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    i,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })
    };
    let start = time(5)?;
    let priority: Option<String> = r.get(6)?;
    let status: String = r.get(7)?;
    Ok(Booking {
        id: r.get(0)?,
        office_id: r.get(1)?,
        office_name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        office_address: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        procedure_code: r.get(4)?,
        slot_start: start,
        slot_end: start + chrono::Duration::minutes(i64::from(rules.slot_minutes)),
        priority: priority.as_deref().and_then(Priority::parse),
        status: if status == "active" {
            BookingStatus::Active
        } else {
            BookingStatus::Cancelled
        },
        created_at: time(8)?,
        citizen_phone: if staff { r.get(9)? } else { None },
    })
}

/// Fails with `slot_full` unless the slot has a free place (not counting
/// booking `except`, which is moving).
fn ensure_free(
    tx: &Transaction<'_>,
    office: &Office,
    start: DateTime<Utc>,
    except: Option<&str>,
) -> CoreResult<()> {
    let booked: i32 = tx.query_row(
        "SELECT count(*) FROM booking WHERE office_id = ?1 AND slot_start = ?2 AND status = 'active' AND id != ?3",
        params![office.id, start.to_rfc3339(), except.unwrap_or("")],
        |r| r.get(0),
    )?;
    if booked >= office.capacity_per_slot {
        return Err(CoreError::conflict(
            dvc_core::Reason::SlotFull,
            "Khung giờ này đã kín chỗ. Hãy chọn giờ khác.",
            "This slot is full. Please choose another time.",
        ));
    }
    Ok(())
}
