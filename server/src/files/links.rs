//! Files linked to dossiers: the pages filed with a dossier's documents,
//! and the proofs a field action brings (signature and photos of a
//! delivery, photos of the papers collected at a pickup). A file can be
//! linked only by the account that uploaded it.

use chrono::{DateTime, Utc};
use dvc_core::api::model::{AccountKind, Principal, StaffRole};
use dvc_core::catalogue::model::Procedure;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::files::model::{DossierFile, DossierFiles, FileRole, Page};
use dvc_core::files::{FileLimits, FileType};
use dvc_core::{CoreError, CoreResult, Reason};
use rusqlite::{Connection, Transaction, params};

use super::uploads::owned_file;

/// Pages one dossier may have (the API document says the same).
pub const MAX_PAGES: usize = 200;

fn missing(sha256: &str) -> CoreError {
    CoreError::conflict(
        Reason::FileMissing,
        format!(
            "Tệp {}… chưa được tải lên đầy đủ từ tài khoản này.",
            &sha256[..12.min(sha256.len())]
        ),
        format!(
            "The file {}… has not been uploaded in full by this account.",
            &sha256[..12.min(sha256.len())]
        ),
    )
}

/// Checks the pages of a dossier being filed by `who`: each a finished
/// upload of theirs (size and type as uploaded), of a document of the
/// procedure, numbered 1, 2, … per document, within the limits; filing
/// online, every applicable document has one.
pub fn check_pages(
    conn: &Connection,
    who: &Principal,
    procedure: &Procedure,
    profile: &ApplicantProfile,
    ticked: &[String],
    pages: &[Page],
    limits: &FileLimits,
) -> CoreResult<()> {
    if pages.len() > MAX_PAGES {
        return Err(CoreError::invalid(
            "pages",
            format!("Một hồ sơ có tối đa {MAX_PAGES} trang."),
            format!("A dossier has at most {MAX_PAGES} pages."),
        ));
    }
    let mut total: u64 = 0;
    for p in pages {
        super::uploads::check_sha256("pages", &p.sha256)?;
        if !procedure.documents.iter().any(|d| d.id == p.document_id) {
            return Err(CoreError::conflict(
                Reason::UnknownDocument,
                format!(
                    "Thủ tục {} không có giấy tờ «{}».",
                    procedure.code, p.document_id
                ),
                format!(
                    "Procedure {} has no document “{}”.",
                    procedure.code, p.document_id
                ),
            ));
        }
        let (bytes, file_type) =
            owned_file(conn, who, &p.sha256)?.ok_or_else(|| missing(&p.sha256))?;
        if bytes != p.bytes || file_type != p.file_type {
            return Err(CoreError::invalid(
                "pages",
                "Kích thước hoặc loại của một trang khác với tệp đã tải lên.",
                "A page's size or type differs from the file uploaded.",
            ));
        }
        let of_doc: Vec<i32> = pages
            .iter()
            .filter(|q| q.document_id == p.document_id)
            .map(|q| q.page)
            .collect();
        let n = i32::try_from(of_doc.len()).unwrap_or(i32::MAX);
        if p.page < 1 || p.page > n || of_doc.iter().filter(|&&x| x == p.page).count() > 1 {
            return Err(CoreError::invalid(
                "pages",
                format!(
                    "Các trang của «{}» phải đánh số 1 đến {n}, mỗi số một lần.",
                    p.document_id
                ),
                format!(
                    "The pages of “{}” must be numbered 1 to {n}, each once.",
                    p.document_id
                ),
            ));
        }
        limits.check_pages(&p.document_id, u32::try_from(n - 1).unwrap_or(0))?;
        total += u64::try_from(bytes).unwrap_or(0);
    }
    limits.check_dossier(total)?;
    let checklist = dvc_core::checklist::build_with_pages(procedure, profile, ticked, pages);
    if !checklist.pages_missing.is_empty() {
        return Err(dvc_core::files::limits::pages_missing(
            &checklist.pages_missing,
        ));
    }
    Ok(())
}

/// Links checked `pages` to dossier `dossier_id`.
pub fn link_pages(
    tx: &Transaction<'_>,
    dossier_id: &str,
    pages: &[Page],
    now: DateTime<Utc>,
) -> CoreResult<()> {
    for p in pages {
        link(
            tx,
            dossier_id,
            FileRole::Page,
            &p.document_id,
            p.page,
            &p.sha256,
            None,
            now,
        )?;
    }
    Ok(())
}

/// Refuses a field action whose proof files `who` has not uploaded.
pub fn check_proofs(conn: &Connection, who: &Principal, files: &[&str]) -> CoreResult<bool> {
    for sha in files {
        if owned_file(conn, who, sha)?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Links the proofs of field action `key` to dossier `dossier_id`.
pub fn link_proofs(
    tx: &Transaction<'_>,
    dossier_id: &str,
    key: &str,
    proofs: &[(FileRole, &str)],
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let mut photo = 0;
    for (role, sha) in proofs {
        let page = if *role == FileRole::Signature {
            1
        } else {
            photo += 1;
            photo
        };
        link(tx, dossier_id, *role, "", page, sha, Some(key), now)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn link(
    tx: &Transaction<'_>,
    dossier_id: &str,
    role: FileRole,
    document_id: &str,
    page: i32,
    sha256: &str,
    action_key: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO dossier_file (dossier_id, role, document_id, page, sha256, action_key, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (dossier_id, role, document_id, page) DO UPDATE SET sha256 = ?5, action_key = ?6",
        params![
            dossier_id,
            role_name(role),
            document_id,
            page,
            sha256,
            action_key,
            now.to_rfc3339()
        ],
    )?;
    Ok(())
}

fn role_name(role: FileRole) -> &'static str {
    match role {
        FileRole::Page => "page",
        FileRole::Signature => "signature",
        FileRole::DeliveryPhoto => "delivery_photo",
        FileRole::PickupPhoto => "pickup_photo",
    }
}

fn role_of(name: &str) -> FileRole {
    match name {
        "signature" => FileRole::Signature,
        "delivery_photo" => FileRole::DeliveryPhoto,
        "pickup_photo" => FileRole::PickupPhoto,
        _ => FileRole::Page,
    }
}

/// The roles `who` may read of a dossier they may see: owners and
/// counter staff every file; field staff the proofs of pickup and delivery.
fn may_read(who: &Principal, role: FileRole) -> bool {
    who.kind == AccountKind::Citizen
        || who.staff_role == Some(StaffRole::Counter)
        || role != FileRole::Page
}

/// The files of dossier `dossier_id` (already found visible to `who`).
pub fn list(
    conn: &Connection,
    who: &Principal,
    dossier_id: &str,
    dossier_code: Option<String>,
) -> CoreResult<DossierFiles> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.role, f.document_id, f.page, f.sha256, b.bytes, b.type, f.added_at
         FROM dossier_file f JOIN blob b ON b.sha256 = f.sha256 WHERE f.dossier_id = ?1
         ORDER BY f.role = 'page' DESC, f.document_id, f.role, f.page",
    )?;
    let rows = stmt
        .query_map([dossier_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut files = Vec::new();
    for (role, doc, page, sha256, bytes, kind, at) in rows {
        let role = role_of(&role);
        if !may_read(who, role) {
            continue;
        }
        files.push(DossierFile {
            role,
            document_id: (!doc.is_empty()).then_some(doc),
            page,
            sha256,
            bytes,
            file_type: FileType::parse(&kind).unwrap_or(FileType::Pdf),
            added_at: dvc_core::time::parse_stored(&at)?,
        });
    }
    Ok(DossierFiles {
        dossier_id: dossier_id.to_owned(),
        dossier_code,
        files,
    })
}

/// The pages of dossier `dossier_id` (for its JSON).
pub fn pages(conn: &Connection, dossier_id: &str) -> CoreResult<Vec<Page>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.document_id, f.page, f.sha256, b.bytes, b.type
         FROM dossier_file f JOIN blob b ON b.sha256 = f.sha256
         WHERE f.dossier_id = ?1 AND f.role = 'page' ORDER BY f.document_id, f.page",
    )?;
    let rows = stmt.query_map([dossier_id], dvc_core::files::pages::page_of_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The file `sha256` of dossier `dossier_id`, if `who` may read it.
pub fn readable(
    conn: &Connection,
    who: &Principal,
    dossier_id: &str,
    sha256: &str,
) -> CoreResult<Option<(i64, FileType)>> {
    let found = list(conn, who, dossier_id, None)?;
    Ok(found
        .files
        .into_iter()
        .find(|f| f.sha256 == sha256)
        .map(|f| (f.bytes, f.file_type)))
}
