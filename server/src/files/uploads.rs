//! Uploads: create (hash, size, type) → chunks at offsets → complete (hash
//! and type checked). One upload per account and hash: creating it again
//! finds the one begun (its `received` says where to go on) or, when the
//! account sent the file before, answers it complete with nothing to send.
//! Another account's copy of the same bytes never counts: each account
//! proves it holds a file by sending it (the bytes are stored once).

use chrono::{DateTime, Utc};
use dvc_core::api::model::Principal;
use dvc_core::files::model::{NewUpload, Upload};
use dvc_core::files::{FileLimits, FileType};
use dvc_core::{CoreError, CoreResult, Reason};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::blob::BlobStore;

/// Limits and allowances of files on the server.
#[derive(Debug, Clone, Copy)]
pub struct FileSettings {
    /// Per file, per dossier, pages per document.
    pub limits: FileLimits,
    /// The largest chunk one request may carry.
    pub chunk_bytes: usize,
    /// Bytes one account may hold (finished and in progress).
    pub account_bytes: u64,
    /// Bytes one account may upload per Vietnam day.
    pub day_bytes: u64,
    /// Files one account may upload per Vietnam day.
    pub day_files: u32,
    /// Days the files of a finished dossier are kept after it finished.
    pub retention_days: u32,
    /// Hours an upload linked to nothing is kept.
    pub orphan_hours: u32,
}

impl Default for FileSettings {
    fn default() -> Self {
        Self {
            limits: FileLimits::default(),
            chunk_bytes: 1024 * 1024,
            account_bytes: 1_000_000_000,
            day_bytes: 200_000_000,
            day_files: 500,
            retention_days: 365,
            orphan_hours: 72,
        }
    }
}

/// One upload row.
struct Row {
    id: String,
    sha256: String,
    bytes: i64,
    file_type: FileType,
    complete: bool,
}

fn row(conn: &Connection, sql_filter: &str, a: &str, b: &str) -> CoreResult<Option<Row>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id, bytes, type, completed_at IS NOT NULL, sha256 FROM upload WHERE {sql_filter}"
            ),
            params![a, b],
            |r| {
                Ok(Row {
                    id: r.get(0)?,
                    bytes: r.get(1)?,
                    file_type: FileType::parse(&r.get::<_, String>(2)?).unwrap_or(FileType::Pdf),
                    complete: r.get(3)?,
                    sha256: r.get(4)?,
                })
            },
        )
        .optional()?)
}

fn answer(r: &Row, blobs: &dyn BlobStore) -> CoreResult<Upload> {
    let received = if r.complete {
        r.bytes
    } else {
        i64::try_from(blobs.part_len(&r.id).map_err(CoreError::internal)?).unwrap_or(i64::MAX)
    };
    Ok(Upload {
        id: r.id.clone(),
        sha256: r.sha256.clone(),
        bytes: r.bytes,
        file_type: r.file_type,
        received,
        complete: r.complete,
    })
}

fn unknown_upload() -> CoreError {
    CoreError::not_found("Không có lượt tải tệp này.", "No such upload.")
}

/// Refuses anything but 64 lowercase hex digits.
pub fn check_sha256(field: &str, sha256: &str) -> CoreResult<()> {
    if dvc_core::files::store::is_sha256(sha256) {
        return Ok(());
    }
    Err(CoreError::invalid(
        field,
        "Mã tệp phải là SHA-256 dạng hex (64 ký tự thường).",
        "A file is named by its SHA-256 in hex (64 lowercase characters).",
    ))
}

/// `POST /v1/uploads`.
pub fn create(
    tx: &Transaction<'_>,
    who: &Principal,
    req: &NewUpload,
    blobs: &dyn BlobStore,
    s: &FileSettings,
    now: DateTime<Utc>,
) -> CoreResult<Upload> {
    check_sha256("sha256", &req.sha256)?;
    let bytes = u64::try_from(req.bytes).unwrap_or(0);
    if bytes == 0 {
        return Err(CoreError::invalid(
            "bytes",
            "Tệp rỗng không gửi được.",
            "An empty file cannot be sent.",
        ));
    }
    s.limits.check_file("", bytes)?;
    if let Some(r) = row(
        tx,
        "account_id = ?1 AND sha256 = ?2",
        &who.account_id,
        &req.sha256,
    )? {
        if r.bytes != req.bytes || r.file_type != req.file_type {
            return Err(CoreError::conflict(
                Reason::HashMismatch,
                "Tệp này đã được khai với kích thước hoặc loại khác.",
                "This file was declared with another size or type.",
            ));
        }
        return answer(&r, blobs);
    }
    check_allowance(tx, who, bytes, s, now)?;
    let id = dvc_core::ids::new_id()?;
    tx.execute(
        "INSERT INTO upload (id, account_id, sha256, bytes, type, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            who.account_id,
            req.sha256,
            req.bytes,
            req.file_type.as_str(),
            now.to_rfc3339()
        ],
    )?;
    let r = Row {
        id,
        sha256: req.sha256.clone(),
        bytes: req.bytes,
        file_type: req.file_type,
        complete: false,
    };
    answer(&r, blobs)
}

fn check_allowance(
    tx: &Connection,
    who: &Principal,
    bytes: u64,
    s: &FileSettings,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let held: i64 = tx.query_row(
        "SELECT coalesce(sum(bytes), 0) FROM upload WHERE account_id = ?1",
        [&who.account_id],
        |r| r.get(0),
    )?;
    let day_start = crate::dossiers::vn_day_start(now);
    let (today, files): (i64, u32) = tx.query_row(
        "SELECT coalesce(sum(bytes), 0), count(*) FROM upload WHERE account_id = ?1 AND created_at >= ?2",
        params![who.account_id, day_start.to_rfc3339()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let over = |used: i64, cap: u64| u64::try_from(used).unwrap_or(0) + bytes > cap;
    if over(held, s.account_bytes) || over(today, s.day_bytes) || files >= s.day_files {
        return Err(CoreError::conflict(
            Reason::UploadQuota,
            format!(
                "Tài khoản đã dùng hết dung lượng tải tệp ({} mỗi ngày, {} tệp mỗi ngày, {} tổng cộng). \
                 Vui lòng thử lại vào ngày mai hoặc hỏi tại bưu cục.",
                dvc_core::files::limits::megabytes(s.day_bytes, true),
                s.day_files,
                dvc_core::files::limits::megabytes(s.account_bytes, true)
            ),
            format!(
                "This account has used up its upload allowance ({} a day, {} files a day, {} in all). \
                 Please try again tomorrow or ask at the post office.",
                dvc_core::files::limits::megabytes(s.day_bytes, false),
                s.day_files,
                dvc_core::files::limits::megabytes(s.account_bytes, false)
            ),
        ));
    }
    Ok(())
}

/// The upload `id` of `who`, with where it stands.
pub fn get(
    conn: &Connection,
    who: &Principal,
    id: &str,
    blobs: &dyn BlobStore,
) -> CoreResult<Upload> {
    answer(&owned(conn, who, id)?, blobs)
}

fn owned(conn: &Connection, who: &Principal, id: &str) -> CoreResult<Row> {
    row(conn, "id = ?1 AND account_id = ?2", id, &who.account_id)?.ok_or_else(unknown_upload)
}

/// `PUT /v1/uploads/{id}?offset=N`: appends one chunk. A chunk that does
/// not start where the upload stands is refused (`wrong_offset`) with
/// nothing written; one of a finished upload changes nothing.
pub fn append(
    conn: &Connection,
    who: &Principal,
    id: &str,
    offset: u64,
    chunk: &[u8],
    blobs: &dyn BlobStore,
) -> CoreResult<Upload> {
    let r = owned(conn, who, id)?;
    if r.complete {
        return answer(&r, blobs);
    }
    let end = offset.saturating_add(chunk.len() as u64);
    if chunk.is_empty() || end > u64::try_from(r.bytes).unwrap_or(0) {
        return Err(CoreError::conflict(
            Reason::WrongOffset,
            format!("Đoạn tệp vượt quá kích thước đã khai ({} byte).", r.bytes),
            format!("The chunk goes past the declared size ({} bytes).", r.bytes),
        ));
    }
    if !blobs
        .append_part(&r.id, offset, chunk)
        .map_err(|e| storage_error(&e))?
    {
        let at = blobs.part_len(&r.id).map_err(CoreError::internal)?;
        return Err(CoreError::conflict(
            Reason::WrongOffset,
            format!("Đoạn tệp phải bắt đầu tại byte {at}, không phải {offset}."),
            format!("The chunk must start at byte {at}, not {offset}."),
        ));
    }
    answer(&r, blobs)
}

/// The store could not write (a full disk): the client tries later.
fn storage_error(e: &std::io::Error) -> CoreError {
    CoreError::new(
        dvc_core::ErrorKind::Server,
        "",
        "Máy chủ tạm thời không lưu được tệp. Vui lòng thử lại sau.",
        "The server cannot store files just now. Please try again later.",
    )
    .with_support(e)
}

/// The checks of `POST /v1/uploads/{id}/complete`, outside any
/// transaction (hashing a file takes a while): every byte there, the hash
/// and the type as declared. On a wrong hash or type the part is dropped
/// (the client starts the file again).
pub fn verify(
    conn: &Connection,
    who: &Principal,
    id: &str,
    blobs: &dyn BlobStore,
) -> CoreResult<Option<String>> {
    let r = owned(conn, who, id)?;
    let sha = r.sha256.clone();
    if r.complete {
        return Ok(None);
    }
    let received = blobs.part_len(&r.id).map_err(CoreError::internal)?;
    // Committed just before the database recorded it (a crash between).
    if received == 0 && blobs.has(&sha) {
        return Ok(Some(sha));
    }
    if received != u64::try_from(r.bytes).unwrap_or(0) {
        return Err(CoreError::conflict(
            Reason::WrongOffset,
            format!("Mới nhận {received} trên {} byte của tệp.", r.bytes),
            format!(
                "Only {received} of the file's {} bytes have arrived.",
                r.bytes
            ),
        ));
    }
    // Another request for the same upload (a client that timed out and
    // asked again) may have committed the part meanwhile.
    let gone = |e: std::io::Error| {
        if blobs.has(&sha) {
            Ok(Some(sha.clone()))
        } else if e.kind() == std::io::ErrorKind::NotFound {
            Err(CoreError::conflict(
                Reason::WrongOffset,
                "Tệp cần được gửi lại từ đầu.",
                "The file needs to be sent again from the start.",
            ))
        } else {
            Err(CoreError::internal(e))
        }
    };
    let hashed = match blobs.hash_part(&r.id) {
        Ok(h) => h,
        Err(e) => return gone(e),
    };
    if hashed.sha256 != sha {
        blobs.drop_part(&r.id).map_err(CoreError::internal)?;
        return Err(CoreError::conflict(
            Reason::HashMismatch,
            "Tệp nhận được không khớp mã SHA-256 đã khai; hãy gửi lại từ đầu.",
            "The file received does not match its declared SHA-256; send it again from the start.",
        ));
    }
    if FileType::sniff(&hashed.head) != Some(r.file_type) {
        blobs.drop_part(&r.id).map_err(CoreError::internal)?;
        return Err(dvc_core::files::kind::not_a_page(r.file_type.as_str()));
    }
    match blobs.commit_part(&r.id, &sha) {
        Ok(()) => Ok(Some(sha)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => gone(e),
        Err(e) => Err(storage_error(&e)),
    }
}

/// Records upload `id` complete (after [`verify`]); gives it.
pub fn finish(
    tx: &Transaction<'_>,
    who: &Principal,
    id: &str,
    blobs: &dyn BlobStore,
    now: DateTime<Utc>,
) -> CoreResult<Upload> {
    let r = owned(tx, who, id)?;
    let sha = &r.sha256;
    if !r.complete {
        tx.execute(
            "INSERT INTO blob (sha256, bytes, type, stored_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (sha256) DO NOTHING",
            params![sha, r.bytes, r.file_type.as_str(), now.to_rfc3339()],
        )?;
        tx.execute(
            "UPDATE upload SET completed_at = ?2 WHERE id = ?1",
            params![id, now.to_rfc3339()],
        )?;
    }
    get(tx, who, id, blobs)
}

/// The finished upload of `sha256` by `who`: its size and type.
pub fn owned_file(
    conn: &Connection,
    who: &Principal,
    sha256: &str,
) -> CoreResult<Option<(i64, FileType)>> {
    Ok(row(
        conn,
        "account_id = ?1 AND sha256 = ?2 AND completed_at IS NOT NULL",
        &who.account_id,
        sha256,
    )?
    .map(|r| (r.bytes, r.file_type)))
}
