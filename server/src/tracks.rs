//! The two tracks of a dossier on the server: status changes and postal
//! steps, each an event with a sequence number (the clients' refresh
//! cursor); the public track view with the promised and expected dates;
//! the agency's status changes and the hand-over of results to the post.

use chrono::{DateTime, NaiveDate, Utc};
use dvc_core::api::model::{Delivery, Principal};
use dvc_core::calendar::WorkingCalendar;
use dvc_core::catalogue::model::CatalogueData;
use dvc_core::tracking::model::{
    DeliveryTerms, Dispatch, ItemScan, StatusUpdate, Track, TrackEvent,
};
use dvc_core::tracking::postal::PostalStep;
use dvc_core::tracking::s10::S10;
use dvc_core::tracking::status::{self, status_en, status_vi};
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Connection, OptionalExtension, params};

use crate::dossiers;
use crate::visits;

/// Service indicator of the item numbers the server assigns.
const SERVICE: &str = "RR";

/// An event to record on a dossier's timeline.
pub struct NewEvent<'a> {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// `status` or a postal step name.
    pub kind: &'a str,
    /// The new status (status events).
    pub status_code: Option<i32>,
    /// The postal item.
    pub s10: Option<&'a str>,
    /// The attempt number (delivery attempts).
    pub attempt: Option<i32>,
    /// Text in Vietnamese.
    pub text_vi: String,
    /// Text in English.
    pub text_en: String,
}

/// Appends an event to dossier `dossier_id`'s timeline.
pub fn record(conn: &Connection, dossier_id: &str, e: NewEvent<'_>) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO dossier_event (dossier_id, at, kind, status_code, s10, attempt, text_vi, text_en)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
            dossier_id,
            e.at.to_rfc3339(),
            e.kind,
            e.status_code,
            e.s10,
            e.attempt,
            e.text_vi,
            e.text_en
        ])?;
    Ok(())
}

/// Sets dossier `dossier_id`'s status to `code` and records the event,
/// with an optional note for the citizen.
pub fn set_status(
    conn: &Connection,
    dossier_id: &str,
    code: i32,
    note: Option<(&str, &str)>,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    conn.execute(
        "UPDATE dossier SET status_code = ?2 WHERE id = ?1",
        params![dossier_id, code],
    )?;
    let (text_vi, text_en) = match note {
        Some((vi, en)) => (
            format!("{}: {vi}", status_vi(code)),
            format!("{}: {en}", status_en(code)),
        ),
        None => (status_vi(code).to_owned(), status_en(code).to_owned()),
    };
    record(
        conn,
        dossier_id,
        NewEvent {
            at,
            kind: "status",
            status_code: Some(code),
            s10: None,
            attempt: None,
            text_vi,
            text_en,
        },
    )
}

/// Records postal step `step` of dossier `dossier_id` with the step's
/// standard text plus `detail` (vi, en), and moves the item's step.
pub fn record_step(
    conn: &Connection,
    dossier_id: &str,
    step: PostalStep,
    s10: Option<&str>,
    attempt: Option<i32>,
    detail: Option<(String, String)>,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    let (text_vi, text_en) = match detail {
        Some((vi, en)) => (
            format!("{} ({vi})", step.name_vi()),
            format!("{} ({en})", step.name_en()),
        ),
        None => (step.name_vi().to_owned(), step.name_en().to_owned()),
    };
    if let Some(s10) = s10 {
        conn.execute(
            "UPDATE postal_item SET step = ?2 WHERE s10 = ?1",
            params![s10, step.as_str()],
        )?;
    }
    record(
        conn,
        dossier_id,
        NewEvent {
            at,
            kind: step.as_str(),
            status_code: None,
            s10,
            attempt,
            text_vi,
            text_en,
        },
    )
}

/// Who asks for a track, and what they hold.
#[derive(Debug, Clone, Copy)]
pub enum Viewer<'a> {
    /// The public route: a signed-in account (maybe), and the receipt's
    /// check code (maybe).
    Public {
        /// The signed-in account, if the request carried a live token.
        who: Option<&'a Principal>,
        /// The `check` the request gave.
        check: Option<&'a str>,
    },
}

/// The track of the dossier with code `key`, or of the dossier whose
/// result travels as item `key` (an S10 number), with the events after
/// `since`. A dossier code needs the receipt's check code, the owner's
/// token or a token of the dossier's office (otherwise "not found", as for
/// a code that does not exist; `Ok(None)` when a check was given and is
/// wrong, so the caller can count it); an item number alone shows the
/// postal steps only. No answer carries the internal id or staff notes.
pub fn track(
    conn: &Connection,
    key: &str,
    since: u64,
    viewer: Viewer<'_>,
    calendar: &WorkingCalendar,
    catalogue: &CatalogueData,
    terms: &DeliveryTerms,
) -> CoreResult<Option<Track>> {
    let key = key.trim();
    let by_item = !key.contains('-');
    let found: Option<(String, String, String, Option<String>)> = if by_item {
        // A key that is no item number names no item.
        let s10: S10 = key.parse().map_err(|_| dossiers::not_found())?;
        conn.query_row(
            "SELECT d.id, d.owner_id, d.office_id, d.track_check FROM postal_item p
             JOIN dossier d ON d.id = p.dossier_id WHERE p.s10 = ?1",
            [s10.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
    } else {
        conn.query_row(
            "SELECT id, owner_id, office_id, track_check FROM dossier WHERE code = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
    };
    let (dossier_id, owner, office, check) = found.ok_or_else(dossiers::not_found)?;
    let entitled = match viewer {
        Viewer::Public { who, check: given } => {
            who.is_some_and(|w| {
                w.account_id == owner
                    || (w.kind == dvc_core::api::model::AccountKind::Staff
                        && w.office_id.as_deref() == Some(office.as_str()))
            }) || given.is_some_and(|g| check.as_deref() == Some(g.trim()))
        }
    };
    if !entitled && !by_item {
        return if matches!(viewer, Viewer::Public { check: Some(_), .. }) {
            Ok(None)
        } else {
            Err(dossiers::not_found())
        };
    }
    let postal_only = !entitled;
    let d = dossiers::by_id(conn, &dossier_id)?;
    let item: Option<(String, String, String, i32)> = conn
        .query_row(
            "SELECT s10, step, handed_at, failed_attempts FROM postal_item
             WHERE dossier_id = ?1 ORDER BY handed_at DESC LIMIT 1",
            [&dossier_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let mut events = events_since(conn, &dossier_id, since)?;
    if postal_only {
        events.retain(|e| e.kind != "status");
    }
    let last_seq: Option<u64> = conn.query_row(
        "SELECT max(seq) FROM dossier_event WHERE dossier_id = ?1",
        [&dossier_id],
        |r| r.get(0),
    )?;
    let latest_step: Option<String> = conn
        .query_row(
            "SELECT kind FROM dossier_event WHERE dossier_id = ?1 AND kind <> 'status'
             ORDER BY seq DESC LIMIT 1",
            [&dossier_id],
            |r| r.get(0),
        )
        .optional()?;
    let promised_date = match catalogue
        .procedures
        .iter()
        .find(|p| p.code == d.procedure_code)
        .and_then(|p| p.time_limit())
    {
        Some((amount, unit)) => calendar.due_date_in(d.submitted_at, amount, unit)?,
        None => None,
    };
    let home_delivery = matches!(d.delivery, Delivery::Home { .. });
    let expected_delivery = expected_delivery(
        calendar,
        home_delivery,
        item.as_ref()
            .map(|(_, _, at, _)| dvc_core::time::parse_stored(at))
            .transpose()?,
        promised_date,
        u32::try_from(terms.service_days).unwrap_or(0),
    )?;
    let public_key = if postal_only {
        key.parse::<S10>()?.as_str().to_owned()
    } else {
        d.code.clone().unwrap_or_else(|| key.to_owned())
    };
    Ok(Some(Track {
        dossier_code: if postal_only { None } else { d.code.clone() },
        procedure_code: if postal_only {
            String::new()
        } else {
            d.procedure_code.clone()
        },
        // 0: not shown (an item number alone does not open the dossier).
        status_code: if postal_only {
            status::NOT_SHOWN
        } else {
            d.status_code
        },
        home_delivery,
        s10: item.as_ref().map(|(s, ..)| s.clone()),
        postal_step: latest_step.as_deref().and_then(PostalStep::parse),
        failed_attempts: item.as_ref().map_or(0, |i| i.3),
        promised_date: if postal_only { None } else { promised_date },
        expected_delivery,
        events,
        cursor: last_seq.unwrap_or(0).max(since),
        dossier_id: public_key,
    }))
}

/// The day the result should reach the door: J+N working days from the
/// hand-over to the post, or from the promised date while the agency still
/// works on it; `None` when the result is collected at the office or no
/// date is known.
pub fn expected_delivery(
    calendar: &WorkingCalendar,
    home_delivery: bool,
    handed_to_post: Option<DateTime<Utc>>,
    promised: Option<NaiveDate>,
    service_days: u32,
) -> CoreResult<Option<NaiveDate>> {
    if !home_delivery {
        return Ok(None);
    }
    match (handed_to_post, promised) {
        (Some(at), _) => Ok(Some(calendar.due_date(at, service_days)?)),
        (None, Some(date)) => Ok(Some(calendar.add_working_days(date, service_days)?)),
        (None, None) => Ok(None),
    }
}

fn events_since(conn: &Connection, dossier_id: &str, since: u64) -> CoreResult<Vec<TrackEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, kind, status_code, s10, attempt, text_vi, text_en FROM dossier_event
         WHERE dossier_id = ?1 AND seq > ?2 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map(params![dossier_id, since as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i32>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<i32>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(
            |(seq, at, kind, status_code, s10, attempt, text_vi, text_en)| {
                Ok(TrackEvent {
                    seq: seq as u64,
                    at: dvc_core::time::parse_stored(&at)?,
                    kind,
                    status_code,
                    s10,
                    attempt,
                    text_vi,
                    text_en,
                })
            },
        )
        .collect()
}

/// Staff of the dossier's office record the agency's decision.
/// Returns the dossier's code (or id) for the answer.
pub fn update_status(
    conn: &rusqlite::Transaction<'_>,
    who: &Principal,
    id: &str,
    req: &StatusUpdate,
    now: DateTime<Utc>,
) -> CoreResult<String> {
    let d = dossiers::visible(conn, who, Some(id))?
        .into_iter()
        .next()
        .ok_or_else(dossiers::not_found)?;
    let to = i32::from(req.status_code);
    let key = d.code.clone().unwrap_or_else(|| d.id.clone());
    if d.status_code == to {
        return Ok(key);
    }
    status::check_move(d.status_code, to)?;
    if to == status::RETURNED && matches!(d.delivery, Delivery::Home { .. }) {
        return Err(CoreError::conflict(
            dvc_core::Reason::HomeDelivery,
            "Kết quả giao tận nhà: trạng thái «đã trả kết quả» ghi nhận khi bưu tá phát xong.",
            "Home delivery: “result returned” is recorded when the postman delivers it.",
        ));
    }
    // The citizen sees a structured reason; staff free text stays with staff.
    let reason = match req.reason.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => Some(status::reason_texts(name).ok_or_else(|| {
            let names: Vec<&str> = status::REASONS.iter().map(|(n, _, _)| *n).collect();
            CoreError::invalid(
                "reason",
                format!("Lý do là một trong: {}.", names.join(", ")),
                format!("The reason is one of: {}.", names.join(", ")),
            )
        })?),
    };
    set_status(conn, &d.id, to, reason, now)?;
    let staff_note = match (&req.note_vi, &req.note_en) {
        (Some(vi), Some(en)) => Some(format!("{vi} / {en}")),
        (Some(one), None) | (None, Some(one)) => Some(one.clone()),
        (None, None) => None,
    };
    if let Some(note) = staff_note {
        conn.execute(
            "UPDATE dossier_event SET staff_note = ?2 WHERE seq = (SELECT max(seq) FROM dossier_event WHERE dossier_id = ?1)",
            params![d.id, note],
        )?;
    }
    if status::revokes_codes(to)
        && let Some(code) = &d.code
    {
        crate::credentials::revoke(
            conn,
            code,
            now + chrono::Duration::days(36500),
            if to == status::WITHDRAWN {
                "withdrawn"
            } else {
                "ended"
            },
            now,
        )?;
    }
    Ok(key)
}

/// The agency hands dossier `id`'s result to the post: the item gets its
/// S10 number and a delivery visit on the assignee's worklist.
pub fn dispatch(
    conn: &Connection,
    who: &Principal,
    id: &str,
    req: &Dispatch,
    terms: &DeliveryTerms,
    calendar: &WorkingCalendar,
    now: DateTime<Utc>,
) -> CoreResult<String> {
    let d = dossiers::visible(conn, who, Some(id))?
        .into_iter()
        .next()
        .ok_or_else(dossiers::not_found)?;
    let Delivery::Home { address } = &d.delivery else {
        return Err(CoreError::conflict(
            dvc_core::Reason::NoHomeDelivery,
            "Hồ sơ này nhận kết quả tại bưu cục, không giao tận nhà.",
            "This dossier's result is collected at the office, not delivered home.",
        ));
    };
    if d.status_code != status::PROCESSED {
        return Err(CoreError::conflict(
            dvc_core::Reason::NotProcessed,
            "Chỉ giao bưu điện khi hồ sơ đã xử lý xong.",
            "A result goes to the post only once the dossier is processed.",
        ));
    }
    let open: Option<String> = conn
        .query_row(
            "SELECT s10 FROM postal_item WHERE dossier_id = ?1 AND step <> 'returned_to_agency'",
            [&d.id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(s10) = open {
        return Err(CoreError::conflict(
            dvc_core::Reason::AlreadyDispatched,
            format!("Kết quả đã giao bưu điện (số hiệu {s10})."),
            format!("The result is already with the post (item {s10})."),
        ));
    }
    let s10 = match &req.s10 {
        Some(text) => text.trim().parse::<S10>().map_err(|p| {
            // Well formed for the schema, refused by the check digit.
            CoreError::conflict(dvc_core::Reason::InvalidS10, p.message_vi(), p.message_en())
        })?,
        None => next_item_number(conn)?,
    };
    conn.execute(
        "INSERT INTO postal_item (s10, dossier_id, step, handed_at) VALUES (?1, ?2, 'handed_to_post', ?3)",
        params![s10.as_str(), d.id, now.to_rfc3339()],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            CoreError::conflict(
dvc_core::Reason::S10Taken,
                format!("Số hiệu {s10} đã dùng cho bưu gửi khác.", s10 = s10.as_str()),
                format!("Item number {} is already used.", s10.as_str()),
            )
        }
        other => other.into(),
    })?;
    record_step(
        conn,
        &d.id,
        PostalStep::HandedToPost,
        Some(s10.as_str()),
        None,
        Some((
            format!("số hiệu {}", s10.as_str()),
            format!("item {}", s10.as_str()),
        )),
        now,
    )?;
    let day = calendar.add_working_days(dvc_core::time::to_vn(now).date_naive(), 1)?;
    visits::create_delivery(conn, who, &d, address, s10.as_str(), req, now, terms, day)?;
    Ok(s10.as_str().to_owned())
}

/// A back-office scan of item `s10`: in transit, or out for delivery.
/// Returns the item number, normalised.
pub fn scan(
    conn: &Connection,
    who: &Principal,
    s10: &str,
    req: &ItemScan,
    now: DateTime<Utc>,
) -> CoreResult<String> {
    // A key that is no item number names no item.
    let s10: S10 = s10
        .trim()
        .parse()
        .map_err(|_| CoreError::not_found("Không có bưu gửi này.", "No such item."))?;
    if !matches!(req.step, PostalStep::InTransit | PostalStep::OutForDelivery) {
        return Err(CoreError::invalid(
            "step",
            "Chỉ ghi nhận «đang vận chuyển» hoặc «đang phát» bằng quét.",
            "A scan records only “in transit” or “out for delivery”.",
        ));
    }
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT dossier_id, step FROM postal_item WHERE s10 = ?1",
            [s10.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (dossier_id, step) = row.ok_or_else(|| {
        CoreError::not_found(
            format!("Không có bưu gửi {}.", s10.as_str()),
            format!("No item {}.", s10.as_str()),
        )
    })?;
    dossiers::visible(conn, who, Some(&dossier_id))?
        .into_iter()
        .next()
        .ok_or_else(dossiers::not_found)?;
    if PostalStep::parse(&step).is_some_and(PostalStep::is_final) {
        return Err(CoreError::conflict(
            dvc_core::Reason::ItemClosed,
            "Bưu gửi đã phát xong hoặc đã chuyển hoàn.",
            "The item was already delivered or returned.",
        ));
    }
    if step != req.step.as_str() {
        record_step(
            conn,
            &dossier_id,
            req.step,
            Some(s10.as_str()),
            None,
            None,
            now,
        )?;
    }
    Ok(s10.as_str().to_owned())
}

/// The next item number of the server's own series (`RR00000001nVN`).
fn next_item_number(conn: &Connection) -> CoreResult<S10> {
    let last: Option<i64> = conn
        .query_row(
            "SELECT last FROM postal_sequence WHERE service = ?1",
            [SERVICE],
            |r| r.get(0),
        )
        .optional()?;
    let next = last.unwrap_or(0) + 1;
    conn.execute(
        "INSERT INTO postal_sequence (service, last) VALUES (?1, ?2)
         ON CONFLICT (service) DO UPDATE SET last = ?2",
        params![SERVICE, next],
    )?;
    S10::with_serial(SERVICE, next as u32, "VN")
        .map_err(|p| CoreError::internal(format!("item number: {p}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use dvc_core::calendar::HolidayCalendar;

    fn vn(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        dvc_core::time::VN
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn delivery_is_due_n_working_days_after_the_hand_over_day_counting_holidays() {
        let cal = WorkingCalendar::new(HolidayCalendar::new());
        // Friday 27 Nov 2026, before and after 15:00: the limit already
        // holds the 15:00 rule, both are due Tuesday 1 Dec.
        let before = expected_delivery(&cal, true, Some(vn(2026, 11, 27, 14)), None, 2).unwrap();
        assert_eq!(before, Some(date(2026, 12, 1)));
        let after = expected_delivery(&cal, true, Some(vn(2026, 11, 27, 16)), None, 2).unwrap();
        assert_eq!(after, Some(date(2026, 12, 1)));
        // Wednesday 29 Apr 2026: 30 Apr and 1 May are holidays, then a weekend.
        let holiday = expected_delivery(&cal, true, Some(vn(2026, 4, 29, 10)), None, 2).unwrap();
        assert_eq!(holiday, Some(date(2026, 5, 5)));
        // Not handed over yet: from the promised date; pickup: no date.
        let ahead = expected_delivery(&cal, true, None, Some(date(2026, 11, 27)), 2).unwrap();
        assert_eq!(ahead, Some(date(2026, 12, 1)));
        assert_eq!(
            expected_delivery(&cal, false, Some(vn(2026, 11, 27, 14)), None, 2).unwrap(),
            None
        );
    }
}
