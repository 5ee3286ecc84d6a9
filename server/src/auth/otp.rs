//! One-time sign-in codes sent to a citizen's phone. The sender is a trait
//! so an SMS gateway can plug in; in dev mode the code goes to the log.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use dvc_core::{CoreError, CoreResult, ErrorKind};
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use crate::state::Settings;

/// Delivers a one-time code to a phone.
pub trait OtpSender: Send + Sync {
    /// Sends `code` to `phone`; an error is shown to the person as "try again".
    fn send(&self, phone: &str, code: &str) -> Result<(), String>;
}

/// Dev mode: prints the code to the server's log (stdout), one line per code:
/// `DEV OTP phone=0912345678 code=123456`.
#[derive(Debug, Default)]
pub struct LogSender;

impl OtpSender for LogSender {
    fn send(&self, phone: &str, code: &str) -> Result<(), String> {
        println!("DEV OTP phone={phone} code={code}");
        tracing::info!(phone, "dev one-time code printed to stdout");
        Ok(())
    }
}

/// Keeps the last code per phone in memory: for tests and the embedded
/// server of the terminal shell, which reads it back.
#[derive(Debug, Default)]
pub struct CaptureSender {
    codes: Mutex<HashMap<String, String>>,
}

impl CaptureSender {
    /// The last code sent to `phone`.
    pub fn last_code(&self, phone: &str) -> Option<String> {
        self.codes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(phone)
            .cloned()
    }
}

impl OtpSender for CaptureSender {
    fn send(&self, phone: &str, code: &str) -> Result<(), String> {
        self.codes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(phone.to_owned(), code.to_owned());
        Ok(())
    }
}

/// No SMS gateway configured (production without one): codes cannot be sent.
#[derive(Debug, Default)]
pub struct NoSender;

impl OtpSender for NoSender {
    fn send(&self, _phone: &str, _code: &str) -> Result<(), String> {
        Err("no SMS gateway configured".to_owned())
    }
}

fn code_hash(phone: &str, code: &str) -> String {
    dvc_core::ids::hex(&Sha256::digest(format!("{phone}:{code}").as_bytes()))
}

/// A fresh 6-digit code from the OS random source.
pub fn new_code() -> CoreResult<String> {
    let n = u32::from_le_bytes(dvc_core::ids::random_bytes::<4>()?) % 1_000_000;
    Ok(format!("{n:06}"))
}

/// Records a new code for `phone` unless one was sent too recently.
pub fn issue(
    tx: &Transaction<'_>,
    phone: &str,
    code: &str,
    settings: &Settings,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let last: Option<String> = tx
        .query_row("SELECT sent_at FROM otp WHERE phone = ?1", [phone], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(sent) = last.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()) {
        let wait =
            settings.otp_resend.as_secs() as i64 - (now - sent.with_timezone(&Utc)).num_seconds();
        if wait > 0 {
            return Err(CoreError::new(
                ErrorKind::Conflict,
                dvc_core::Reason::CodeRecentlySent.code(),
                format!("Mã vừa được gửi. Vui lòng đợi {wait} giây rồi thử lại."),
                format!("A code was just sent. Please wait {wait} seconds and try again."),
            ));
        }
    }
    let expires =
        now + chrono::Duration::from_std(settings.otp_ttl).map_err(CoreError::internal)?;
    tx.execute(
        "INSERT INTO otp (phone, code_hash, expires_at, sent_at, attempts) VALUES (?1, ?2, ?3, ?4, 0)
         ON CONFLICT (phone) DO UPDATE SET code_hash = ?2, expires_at = ?3, sent_at = ?4, attempts = 0",
        params![phone, code_hash(phone, code), expires.to_rfc3339(), now.to_rfc3339()],
    )?;
    Ok(())
}

/// The error for a wrong, used or expired code.
pub fn wrong_code() -> CoreError {
    CoreError::new(
        ErrorKind::Unauthorised,
        "",
        "Mã xác thực không đúng hoặc đã hết hạn. Hãy yêu cầu mã mới.",
        "The code is wrong or has expired. Ask for a new code.",
    )
}

/// Checks `code` for `phone`: `Ok(true)` when it is right (and now used
/// up), `Ok(false)` when it is wrong, used or expired. A wrong try is
/// counted, and too many void the code; returning `Ok` lets the caller
/// commit that count. Lockouts across codes are [`super::guard`]'s.
pub fn redeem(
    tx: &Transaction<'_>,
    phone: &str,
    code: &str,
    settings: &Settings,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let row: Option<(String, String, u32)> = tx
        .query_row(
            "SELECT code_hash, expires_at, attempts FROM otp WHERE phone = ?1",
            [phone],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((hash, expires, attempts)) = row else {
        return Ok(false);
    };
    let expired =
        DateTime::parse_from_rfc3339(&expires).map_or(true, |e| e.with_timezone(&Utc) <= now);
    // A spent or expired code stays (void) so that its send time still
    // holds back the next code.
    if expired || attempts >= settings.otp_max_attempts {
        return Ok(false);
    }
    if hash != code_hash(phone, code) {
        tx.execute(
            "UPDATE otp SET attempts = attempts + 1 WHERE phone = ?1",
            [phone],
        )?;
        return Ok(false);
    }
    tx.execute("DELETE FROM otp WHERE phone = ?1", [phone])?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::SERVER_SCHEMA;
    use dvc_core::storage::Database;

    fn db() -> Database {
        Database::open_in_memory(&SERVER_SCHEMA).unwrap()
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let c = new_code().unwrap();
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn a_code_works_once() {
        let db = db();
        let s = Settings::default();
        let now = Utc::now();
        db.write(|tx| issue(tx, "0912345678", "123456", &s, now))
            .unwrap();
        assert!(
            db.write(|tx| redeem(tx, "0912345678", "123456", &s, now))
                .unwrap()
        );
        assert!(
            !db.write(|tx| redeem(tx, "0912345678", "123456", &s, now))
                .unwrap()
        );
    }

    #[test]
    fn too_many_wrong_codes_void_the_right_one() {
        let db = db();
        let s = Settings::default();
        let now = Utc::now();
        db.write(|tx| issue(tx, "0912345678", "123456", &s, now))
            .unwrap();
        for _ in 0..s.otp_max_attempts {
            assert!(
                !db.write(|tx| redeem(tx, "0912345678", "000000", &s, now))
                    .unwrap()
            );
        }
        assert!(
            !db.write(|tx| redeem(tx, "0912345678", "123456", &s, now))
                .unwrap()
        );
    }

    #[test]
    fn an_expired_code_is_refused() {
        let db = db();
        let s = Settings::default();
        let then = Utc::now() - chrono::Duration::minutes(10);
        db.write(|tx| issue(tx, "0912345678", "123456", &s, then))
            .unwrap();
        assert!(
            !db.write(|tx| redeem(tx, "0912345678", "123456", &s, Utc::now()))
                .unwrap()
        );
    }

    #[test]
    fn codes_cannot_be_resent_too_quickly() {
        let db = db();
        let s = Settings::default();
        let now = Utc::now();
        db.write(|tx| issue(tx, "0912345678", "111111", &s, now))
            .unwrap();
        let err = db
            .write(|tx| issue(tx, "0912345678", "222222", &s, now))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Conflict);
    }
}
