//! What the device keeps of appointments: free slots last seen (shown as
//! stale when offline), the account's bookings, the years of holidays the
//! server published.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::api::model::{Booking, Slot};
use crate::calendar::YearOverride;
use crate::error::CoreResult;

/// Keeps the slots of an office on a day.
pub(crate) fn save_slots(
    tx: &Transaction<'_>,
    office_id: &str,
    day: &str,
    slots: &[Slot],
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO slot_cache (office_id, day, data, fetched_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (office_id, day) DO UPDATE SET data = ?3, fetched_at = ?4",
        params![
            office_id,
            day,
            serde_json::to_string(slots)?,
            at.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// The slots last seen for an office on a day, and when.
pub(crate) fn slots(
    conn: &Connection,
    office_id: &str,
    day: &str,
) -> CoreResult<Option<(Vec<Slot>, DateTime<Utc>)>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT data, fetched_at FROM slot_cache WHERE office_id = ?1 AND day = ?2",
            params![office_id, day],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(data, at)| {
        Ok((
            serde_json::from_str(&data)?,
            crate::time::parse_stored(&at)?,
        ))
    })
    .transpose()
}

/// Replaces the account's bookings.
pub(crate) fn replace_bookings(
    tx: &Transaction<'_>,
    list: &[Booking],
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute("DELETE FROM booking", [])?;
    for b in list {
        save_booking(tx, b, at)?;
    }
    Ok(())
}

/// Inserts or updates one booking.
pub(crate) fn save_booking(tx: &Transaction<'_>, b: &Booking, at: DateTime<Utc>) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO booking (id, data, slot_start, fetched_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET data = ?2, slot_start = ?3, fetched_at = ?4",
        params![
            b.id,
            serde_json::to_string(b)?,
            b.slot_start.to_rfc3339(),
            at.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// The cached bookings, soonest first.
pub(crate) fn bookings(conn: &Connection) -> CoreResult<Vec<Booking>> {
    let mut stmt = conn.prepare_cached("SELECT data FROM booking ORDER BY slot_start, id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(serde_json::from_str(&json?)?);
    }
    Ok(out)
}

/// Keeps the server's calendar of a year.
pub(crate) fn save_year(
    tx: &Transaction<'_>,
    year: &YearOverride,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO holiday_year (year, data, fetched_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (year) DO UPDATE SET data = ?2, fetched_at = ?3",
        params![year.year, serde_json::to_string(year)?, at.to_rfc3339()],
    )?;
    Ok(())
}

/// Every year the server published.
pub(crate) fn years(conn: &Connection) -> CoreResult<Vec<YearOverride>> {
    let mut stmt = conn.prepare_cached("SELECT data FROM holiday_year ORDER BY year")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(serde_json::from_str(&json?)?);
    }
    Ok(out)
}

/// One cached booking.
pub(crate) fn booking(conn: &Connection, id: &str) -> CoreResult<Option<Booking>> {
    let json: Option<String> = conn
        .query_row("SELECT data FROM booking WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    json.map(|j| serde_json::from_str(&j).map_err(Into::into))
        .transpose()
}
