//! Creating, resetting and disabling staff accounts (an administrator's
//! task, from the command line).

use chrono::Utc;
use dvc_core::api::model::StaffRole;
use dvc_core::storage::Database;
use dvc_core::{CoreError, CoreResult, ErrorKind};
use rusqlite::{OptionalExtension, params};

use super::{guard, password, token};

/// Creates the staff account `username` at `office_id`, or resets its
/// password, office and role if it exists. Returns the account id.
pub fn upsert_staff(
    db: &Database,
    username: &str,
    password_plain: &str,
    office_id: &str,
    role: StaffRole,
) -> CoreResult<String> {
    let username = username.trim();
    if username.is_empty()
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(CoreError::invalid(
            "username",
            "Tên đăng nhập chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới.",
            "A username has only letters, digits, dots, dashes and underscores.",
        ));
    }
    let hash = password::hash(password_plain)?;
    db.write(|tx| {
        let office: Option<String> = tx
            .query_row("SELECT id FROM office WHERE id = ?1", [office_id], |r| {
                r.get(0)
            })
            .optional()?;
        if office.is_none() {
            return Err(CoreError::new(
                ErrorKind::InvalidData,
                "office_id",
                format!("Không có bưu cục {office_id}."),
                format!("No office {office_id}."),
            ));
        }
        let id = write_account(tx, username, &hash, office_id, role)?;
        guard::forget(tx, &guard::staff(username))?;
        Ok(id)
    })
}

/// Creates or resets staff account `username` with password hash `hash`
/// (enabled again); a reset ends every session signed in with the old
/// password. Returns the account id.
fn write_account(
    tx: &rusqlite::Transaction<'_>,
    username: &str,
    hash: &str,
    office_id: &str,
    role: StaffRole,
) -> CoreResult<String> {
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM account WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => id,
        None => dvc_core::ids::new_id()?,
    };
    tx.execute(
        "INSERT INTO account (id, kind, username, password_hash, office_id, staff_role, created_at)
         VALUES (?1, 'staff', ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET password_hash = ?3, office_id = ?4, staff_role = ?5,
             disabled_at = NULL",
        params![
            id,
            username,
            hash,
            office_id,
            role.as_str(),
            Utc::now().to_rfc3339()
        ],
    )?;
    token::revoke_all(tx, &id)?;
    Ok(id)
}

/// Disables staff account `username`: its sessions end at once and it
/// cannot sign in until `upsert_staff` resets it. Returns the sessions ended.
pub fn disable(db: &Database, username: &str) -> CoreResult<usize> {
    db.write(|tx| {
        let id: Option<String> = tx
            .query_row(
                "SELECT id FROM account WHERE username = ?1 AND kind = 'staff'",
                [username.trim()],
                |r| r.get(0),
            )
            .optional()?;
        let id = id.ok_or_else(|| {
            CoreError::not_found(
                format!("Không có tài khoản nhân viên {username}."),
                format!("No staff account {username}."),
            )
        })?;
        tx.execute(
            "UPDATE account SET disabled_at = coalesce(disabled_at, ?2) WHERE id = ?1",
            params![id, Utc::now().to_rfc3339()],
        )?;
        token::revoke_all(tx, &id)
    })
}

/// Creates staff account `username` unless it exists at `office_id` with
/// `role` (the terminal shell's local accounts: an existing account keeps
/// its password and its sessions). Safe when several shells start at once:
/// the check and the creation share one transaction.
pub fn ensure_staff(
    db: &Database,
    username: &str,
    password_plain: &str,
    office_id: &str,
    role: StaffRole,
) -> CoreResult<()> {
    let exists = |c: &rusqlite::Connection| -> CoreResult<bool> {
        Ok(c.query_row(
            "SELECT count(*) FROM account WHERE username = ?1 AND kind = 'staff'
                 AND office_id = ?2 AND staff_role = ?3 AND disabled_at IS NULL",
            params![username, office_id, role.as_str()],
            |r| r.get::<_, i64>(0),
        )? > 0)
    };
    if db.read(|c| exists(c))? {
        return Ok(());
    }
    let hash = password::hash(password_plain)?;
    db.write(|tx| {
        if exists(tx)? {
            return Ok(());
        }
        write_account(tx, username, &hash, office_id, role).map(|_| ())
    })
}
