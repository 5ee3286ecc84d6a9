//! Sending one stored file to the server, resumably: the upload is created
//! (or the one begun is found: the server keys uploads by account and
//! hash, so a file it has is not sent again), chunks go from where the
//! server stands, and completing it has the server check the hash and the
//! type. Nothing about an upload is kept on the phone: a process killed
//! mid-file asks the server where it stopped and goes on from there.

use reqwest::Method;

use super::model::{NewUpload, Upload};
use super::store::StoredFile;
use crate::api::client::JSON;
use crate::context::Context;
use crate::error::{CoreError, CoreResult, ErrorKind};
use crate::events::CoreEvent;

/// Bytes per chunk: one request of about a second on a slow mobile link.
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// Failed chunks in a row before the upload is left for later.
const MAX_FAILURES: u32 = 6;

/// Makes sure the server has `file` for the signed-in account, sending
/// `chunk` bytes a request.
pub(crate) async fn ensure(
    ctx: &Context,
    token: &str,
    file: &StoredFile,
    chunk: usize,
) -> CoreResult<()> {
    let store = ctx.files()?;
    if !store.has(&file.sha256) {
        return Err(CoreError::conflict(
            crate::Reason::FileMissing,
            format!(
                "Tệp {}… không còn trên máy này; hãy chụp hoặc đính kèm lại.",
                &file.sha256[..12.min(file.sha256.len())]
            ),
            format!(
                "The file {}… is no longer on this device; take or attach it again.",
                &file.sha256[..12.min(file.sha256.len())]
            ),
        ));
    }
    let total = i64::try_from(file.bytes).unwrap_or(i64::MAX);
    let new = NewUpload {
        sha256: file.sha256.clone(),
        bytes: total,
        file_type: file.file_type,
    };
    // `None` until the server said where the upload stands (again after
    // a failure: the answer may have been lost after the server acted).
    let mut known: Option<Upload> = None;
    let mut id: Option<String> = None;
    let mut failures = 0;
    let mut restarts = 0;
    loop {
        // One request a turn, all through the same call (one copy of it
        // in the library): create, ask, complete or send a chunk.
        let (method, path, body) = match (&known, &id) {
            (Some(up), _) if up.complete => return Ok(()),
            (None, None) => (
                Method::POST,
                "/v1/uploads".to_owned(),
                Some((JSON, serde_json::to_vec(&new)?)),
            ),
            (None, Some(id)) => (Method::GET, format!("/v1/uploads/{id}"), None),
            (Some(up), _) if up.received >= up.bytes => (
                Method::POST,
                format!("/v1/uploads/{}/complete", up.id),
                Some((JSON, b"{}".to_vec())),
            ),
            (Some(up), _) => {
                let offset = u64::try_from(up.received).unwrap_or(0);
                let bytes = store.read_at(&file.sha256, offset, chunk.max(1))?;
                (
                    Method::PUT,
                    format!("/v1/uploads/{}?offset={offset}", up.id),
                    Some(("application/octet-stream", bytes)),
                )
            }
        };
        // Creating and completing are idempotent by design, so retried by
        // the client; a chunk is sent once (a failure asks where it stands).
        let retryable = method != Method::PUT;
        let step: CoreResult<Upload> = ctx
            .api
            .send(method, &path, body, Some(token), None, retryable)
            .await
            .and_then(|b| {
                serde_json::from_slice(&b).map_err(crate::api::client::unreadable_answer)
            });
        match step {
            Ok(next) => {
                failures = 0;
                if known.as_ref().is_none_or(|k| k.received != next.received) {
                    ctx.events.emit(CoreEvent::UploadProgress {
                        sha256: file.sha256.clone(),
                        sent: next.received,
                        total,
                    });
                }
                id = Some(next.id.clone());
                known = Some(next);
            }
            // The server stands elsewhere (an answer was lost), or threw
            // away bytes that did not hash right: ask it and go on.
            Err(e)
                if e.reason() == Some("wrong_offset")
                    || (e.reason() == Some("hash_mismatch") && restarts < 2) =>
            {
                restarts += u32::from(e.reason() == Some("hash_mismatch"));
                known = None;
            }
            Err(e) if matches!(e.kind(), ErrorKind::Offline | ErrorKind::Server) => {
                failures += 1;
                if failures >= MAX_FAILURES {
                    return Err(e);
                }
                tokio::time::sleep(crate::api::RetryPolicy::default().delay(failures)).await;
                known = None;
            }
            Err(e) => return Err(e),
        }
    }
}
