//! Whose data this device holds. The account is remembered in the database
//! (not only in the session token, which may lapse), so a change of account
//! is always noticed: the previous account's personal data is wiped even
//! when its session had expired, and the field log and outbox, which belong
//! to the account that recorded them, are only ever read and sent by it.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::{CoreError, CoreResult};

/// The settings key of the account whose data this device holds.
const OWNER_KEY: &str = "account.owner";

/// Tables of one account's personal data: cached dossiers, bookings,
/// timelines, receipt check codes, notifications and the field worklist
/// (people's names, phones and addresses).
const CACHED: [&str; 7] = [
    "dossier",
    "booking",
    "track",
    "track_event",
    "track_check",
    "notification",
    "worklist_visit",
];

/// The account whose data this device holds, if any.
pub(crate) fn current(conn: &Connection) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([OWNER_KEY], |r| r.get(0))
        .optional()?)
}

/// The account whose data this device holds, or "signed out".
pub(crate) fn require(conn: &Connection) -> CoreResult<String> {
    current(conn)?.ok_or_else(CoreError::signed_out)
}

/// Hands the device to `account` as it signs in. When another account held
/// it (remembered here, or named by `previous_hint`: the stored session,
/// even lapsed), its personal data is wiped first; its field log stays,
/// scoped to it. What was made while nobody was signed in (a checklist
/// prepared before signing in) stays for `account`. Log entries recorded
/// before accounts were remembered are claimed for the previous account
/// or, without one, for `account`. True when data was wiped.
pub(crate) fn hand_over(
    tx: &Transaction<'_>,
    account: &str,
    previous_hint: Option<&str>,
) -> CoreResult<bool> {
    let previous = current(tx)?;
    let known = previous.as_deref().or(previous_hint);
    crate::field::claim_unowned(tx, known.unwrap_or(account))?;
    let wiped = known.is_some_and(|k| k != account);
    if wiped {
        forget(tx)?;
    }
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = ?2",
        params![OWNER_KEY, account],
    )?;
    Ok(wiped)
}

/// Drafts (with their addresses and answers) on this device.
pub(crate) fn draft_count(conn: &Connection) -> CoreResult<i32> {
    Ok(conn.query_row("SELECT count(*) FROM draft", [], |r| r.get(0))?)
}

/// Deletes the personal data of the account that held the device, drafts
/// included (they carry a home address and the person's answers), and
/// forgets it as the owner. The field log stays: it belongs to the account
/// that recorded it, and only that account reads or sends it.
pub(crate) fn forget(tx: &Transaction<'_>) -> CoreResult<()> {
    for table in CACHED {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    tx.execute("DELETE FROM draft_tick", [])?;
    tx.execute("DELETE FROM draft", [])?;
    tx.execute(
        "DELETE FROM settings WHERE key IN (?1, 'field.worklist')",
        [OWNER_KEY],
    )?;
    Ok(())
}
