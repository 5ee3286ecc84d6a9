//! Sign-in lockouts, kept in the database apart from the codes and
//! passwords they protect: wrong tries are counted per subject (a phone,
//! or a staff username) however many new codes are asked for; after a
//! run of them the subject is locked, each lockout twice as long as the
//! last (up to a day); a day without failures forgets the escalation. The
//! same row counts the codes sent to a phone per Vietnam day.

use std::time::Duration;

use chrono::{DateTime, Utc};
use dvc_core::CoreResult;
use dvc_core::time::to_vn;
use rusqlite::{Connection, OptionalExtension, params};

/// The longest lockout.
const MAX_LOCK: Duration = Duration::from_secs(24 * 3600);

/// How a subject is locked.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Wrong tries before a lockout.
    pub failures_before_lock: u32,
    /// The first lockout; each further one doubles.
    pub first_lock: Duration,
}

/// The subject key of a citizen's phone.
pub fn phone(phone: &str) -> String {
    format!("phone:{phone}")
}

/// The subject key of a staff username.
pub fn staff(username: &str) -> String {
    format!("staff:{username}")
}

/// How long `subject` stays locked, if it is.
pub fn locked(
    conn: &Connection,
    subject: &str,
    now: DateTime<Utc>,
) -> CoreResult<Option<Duration>> {
    let until: Option<Option<String>> = conn
        .prepare_cached("SELECT locked_until FROM sign_in_guard WHERE subject = ?1")?
        .query_row([subject], |r| r.get(0))
        .optional()?;
    let Some(until) = until.flatten() else {
        return Ok(None);
    };
    let until = dvc_core::time::parse_stored(&until)?;
    Ok((until > now).then(|| (until - now).to_std().unwrap_or_default()))
}

/// Counts a wrong try for `subject`; returns the lockout it started, if any.
pub fn failed(
    conn: &Connection,
    subject: &str,
    policy: Policy,
    now: DateTime<Utc>,
) -> CoreResult<Option<Duration>> {
    let row: Option<(u32, u32, Option<String>)> = conn
        .prepare_cached(
            "SELECT failures, lock_level, last_failure_at FROM sign_in_guard WHERE subject = ?1",
        )?
        .query_row([subject], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (mut failures, mut level) = match row {
        Some((f, l, Some(last)))
            if now - dvc_core::time::parse_stored(&last)? < chrono::Duration::hours(24) =>
        {
            (f, l)
        }
        _ => (0, 0),
    };
    failures += 1;
    let mut lock = None;
    let mut until = None;
    if failures >= policy.failures_before_lock.max(1) {
        level += 1;
        failures = 0;
        let wait = policy
            .first_lock
            .saturating_mul(1 << (level - 1).min(16))
            .min(MAX_LOCK);
        until = Some((now + chrono::Duration::from_std(wait).unwrap_or_default()).to_rfc3339());
        lock = Some(wait);
    }
    conn.prepare_cached(
        "INSERT INTO sign_in_guard (subject, failures, lock_level, locked_until, last_failure_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (subject) DO UPDATE SET failures = ?2, lock_level = ?3,
             locked_until = coalesce(?4, locked_until), last_failure_at = ?5",
    )?
    .execute(params![subject, failures, level, until, now.to_rfc3339()])?;
    Ok(lock)
}

/// A right code or password: the count starts again.
pub fn succeeded(conn: &Connection, subject: &str) -> CoreResult<()> {
    conn.prepare_cached(
        "UPDATE sign_in_guard SET failures = 0, lock_level = 0, locked_until = NULL WHERE subject = ?1",
    )?
    .execute([subject])?;
    Ok(())
}

/// Counts one more code sent to `subject` today (Vietnam time): `false`,
/// and nothing counted, when `per_day` were already sent.
pub fn count_send(
    conn: &Connection,
    subject: &str,
    per_day: u32,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let today = to_vn(now).date_naive().to_string();
    let row: Option<(Option<String>, u32)> = conn
        .prepare_cached("SELECT day, sent FROM sign_in_guard WHERE subject = ?1")?
        .query_row([subject], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let sent = match row {
        Some((Some(day), sent)) if day == today => sent,
        _ => 0,
    };
    if sent >= per_day {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO sign_in_guard (subject, day, sent) VALUES (?1, ?2, ?3)
         ON CONFLICT (subject) DO UPDATE SET day = ?2, sent = ?3",
    )?
    .execute(params![subject, today, sent + 1])?;
    Ok(true)
}

/// Time until the next Vietnam day starts, when the daily count resets.
pub fn until_tomorrow(now: DateTime<Utc>) -> Duration {
    let local = to_vn(now);
    let next = local.date_naive().succ_opt().unwrap_or(local.date_naive());
    let midnight = next.and_hms_opt(0, 0, 0).unwrap_or_default() - chrono::Duration::hours(7);
    (midnight.and_utc() - now).to_std().unwrap_or_default()
}

/// Forgets `subject`'s failures and lockouts (a password reset).
pub fn forget(conn: &Connection, subject: &str) -> CoreResult<()> {
    conn.execute("DELETE FROM sign_in_guard WHERE subject = ?1", [subject])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::SERVER_SCHEMA;
    use dvc_core::storage::Database;

    const POLICY: Policy = Policy {
        failures_before_lock: 5,
        first_lock: Duration::from_secs(15 * 60),
    };

    #[test]
    fn lockouts_escalate_and_survive_until_they_end() {
        let db = Database::open_in_memory(&SERVER_SCHEMA).unwrap();
        let t0 = Utc::now();
        db.write(|tx| {
            for _ in 0..4 {
                assert_eq!(failed(tx, "phone:1", POLICY, t0)?, None);
            }
            assert_eq!(
                failed(tx, "phone:1", POLICY, t0)?,
                Some(Duration::from_secs(900))
            );
            assert!(locked(tx, "phone:1", t0)?.is_some());
            let later = t0 + chrono::Duration::minutes(16);
            assert_eq!(locked(tx, "phone:1", later)?, None);
            for _ in 0..4 {
                failed(tx, "phone:1", POLICY, later)?;
            }
            assert_eq!(
                failed(tx, "phone:1", POLICY, later)?,
                Some(Duration::from_secs(1800))
            );
            succeeded(tx, "phone:1")?;
            assert_eq!(locked(tx, "phone:1", later)?, None);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn a_day_caps_the_codes_sent_to_a_phone() {
        let db = Database::open_in_memory(&SERVER_SCHEMA).unwrap();
        let t0 = Utc::now();
        db.write(|tx| {
            for _ in 0..3 {
                assert!(count_send(tx, "phone:1", 3, t0)?);
            }
            assert!(!count_send(tx, "phone:1", 3, t0)?);
            assert!(count_send(
                tx,
                "phone:1",
                3,
                t0 + chrono::Duration::days(1)
            )?);
            Ok(())
        })
        .unwrap();
        assert!(until_tomorrow(t0) <= Duration::from_secs(24 * 3600));
    }
}
