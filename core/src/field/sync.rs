//! Sending the outbox: batches in log order, each entry under its
//! idempotency key; on a network or server failure the same batch is sent
//! again after an exponential backoff with full jitter. An entry leaves the
//! outbox only in the transaction that records the server's answer, so a
//! crash at any point loses nothing and the server's keys stop doubles.
//!
//! The server answers each entry on its own; an entry it turns down is
//! [wedged](super::wedge) and the queue goes on. Should a server refuse a
//! whole batch for good (an older server, or an entry it cannot read), the
//! batch is halved until the one entry at fault is found and wedged with
//! the server's reason; refusals about the device or the session itself
//! stop the sync instead, with every entry kept.

use super::log;
use super::model::{ActionBatch, BatchReply, Outcome};
use super::view::SyncReport;
use super::wedge;
use crate::account::session::require_token;
use crate::api::RetryPolicy;
use crate::context::Context;
use crate::error::{CoreError, CoreResult, ErrorKind};
use crate::events::CoreEvent;

/// Entries per request.
pub const DEFAULT_BATCH: usize = 200;

/// How patient a sync is before it gives up for now.
pub fn default_policy() -> RetryPolicy {
    RetryPolicy {
        attempts: 8,
        base_delay: std::time::Duration::from_millis(100),
        max_delay: std::time::Duration::from_secs(4),
    }
}

/// Sends everything in the outbox, `batch` entries at a time.
pub(crate) async fn run(
    ctx: &Context,
    batch: usize,
    policy: RetryPolicy,
) -> CoreResult<SyncReport> {
    let token = require_token(ctx)?;
    // Only the signed-in account's own entries: another account's stay.
    let account = ctx.db.read(crate::account::owner::require)?;
    let mut report = SyncReport {
        sent: 0,
        acknowledged: 0,
        pending: 0,
        rejected: 0,
        breaks: Vec::new(),
        error_vi: None,
        error_en: None,
        wedged: Vec::new(),
    };
    let batch = batch.max(1);
    // Shrinks while a refused batch is narrowed down, grows back after.
    let mut size = batch;
    let mut failures = 0;
    // Actions, not attempts: an entry sent again after a failure counts once.
    let mut sent = std::collections::HashSet::new();
    // Files the server has, this sync.
    let mut uploaded = std::collections::HashSet::new();
    loop {
        let entries = ctx.db.read(|c| log::pending(c, &account, size))?;
        if entries.is_empty() {
            break;
        }
        let Some(device_id) = ctx.db.read(|c| log::stored_device_id(c, &account))? else {
            break;
        };
        let keys: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
        // Upload, then send: the server applies an action once it has its
        // files. A file it refuses (or one no longer on the phone) leaves
        // its action to be wedged by the server with `file_missing`.
        let files = ctx.db.read(|c| crate::files::pages::of_actions(c, &keys))?;
        for f in &files {
            if uploaded.contains(&f.sha256) {
                continue;
            }
            match crate::files::upload::ensure(ctx, &token, f, crate::files::upload::CHUNK_BYTES)
                .await
            {
                Ok(()) => {
                    uploaded.insert(f.sha256.clone());
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::Offline | ErrorKind::Server | ErrorKind::Unauthorised
                    ) =>
                {
                    report.error_vi = Some(e.vi().to_owned());
                    report.error_en = Some(e.en().to_owned());
                    return finish(ctx, &account, report).await;
                }
                Err(e) => tracing::warn!(kind = e.kind().as_str(), "proof file not uploaded"),
            }
        }
        sent.extend(keys.iter().cloned());
        report.sent = sent.len() as i32;
        let body = ActionBatch { device_id, entries };
        match ctx
            .api
            .post::<_, BatchReply>("/v1/staff/actions", &body, Some(&token), None)
            .await
        {
            Ok(reply) => {
                failures = 0;
                let acks = reply.acks;
                let (acked, rejected) = ctx
                    .write_off_thread(move |tx| {
                        let mut acked = 0;
                        let mut rejected = 0;
                        for ack in &acks {
                            if matches!(ack.outcome, Outcome::Rejected | Outcome::Quarantined) {
                                rejected += 1;
                            }
                            if log::acknowledge(tx, &ack.key, ack.outcome, ack.reason.as_deref())? {
                                acked += 1;
                            }
                        }
                        Ok((acked, rejected))
                    })
                    .await?;
                report.acknowledged += acked;
                report.rejected += rejected;
                ctx.events.emit(CoreEvent::SyncProgress {
                    sent: report.sent,
                    acknowledged: report.acknowledged,
                });
                report
                    .breaks
                    .extend(reply.breaks.iter().map(|b| format!("{}@{}", b.kind, b.seq)));
                if acked == 0 {
                    // The server answered but took none: do not spin.
                    break;
                }
                size = (size * 2).min(batch);
            }
            Err(e) if is_refusal_of_entries(&e) => {
                failures = 0;
                if keys.len() > 1 {
                    size = keys.len() / 2;
                    continue;
                }
                let code = e
                    .reason()
                    .or(e.field())
                    .unwrap_or(e.kind().as_str())
                    .to_owned();
                let key = keys[0].clone();
                ctx.write_off_thread(move |tx| wedge::refuse(tx, &key, &code))
                    .await?;
                report.acknowledged += 1;
                report.rejected += 1;
                size = batch;
            }
            Err(e) if matches!(e.kind(), ErrorKind::Offline | ErrorKind::Server) => {
                let (failed, error) = (keys.clone(), e.clone());
                ctx.write_off_thread(move |tx| log::note_failure(tx, &failed, &error))
                    .await?;
                failures += 1;
                if failures >= policy.attempts {
                    report.error_vi = Some(e.vi().to_owned());
                    report.error_en = Some(e.en().to_owned());
                    break;
                }
                tokio::time::sleep(policy.delay(failures)).await;
            }
            Err(e) => return Err(e),
        }
    }
    finish(ctx, &account, report).await
}

/// Prunes the log, reports what is left and tells the listeners.
async fn finish(ctx: &Context, account: &str, mut report: SyncReport) -> CoreResult<SyncReport> {
    let account = account.to_owned();
    let before = ctx.now() - ctx.field_log_retention;
    let owner = account.clone();
    ctx.write_off_thread(move |tx| log::prune(tx, &owner, before))
        .await?;
    report.pending = ctx.db.read(|c| log::pending_count(c, &account))?;
    report.wedged = ctx.db.read(|c| wedge::list(c, &account))?;
    ctx.events.emit(CoreEvent::SyncFinished {
        report: report.clone(),
    });
    if report.acknowledged > 0 {
        ctx.events.emit(CoreEvent::WorklistChanged);
        crate::files::sweep(ctx);
    }
    Ok(report)
}

/// A lasting refusal that may concern only some entries of the batch:
/// worth narrowing down. The session (unauthorised), the device (enrolled
/// to someone else) and the batch's own fields are not about entries.
fn is_refusal_of_entries(e: &CoreError) -> bool {
    match e.kind() {
        ErrorKind::Conflict => e.reason() != Some("device_enrolled"),
        ErrorKind::InvalidData => !matches!(e.field(), Some("device_id")),
        ErrorKind::NotFound => true,
        _ => false,
    }
}
