//! Sending the outbox: batches in log order, each entry under its
//! idempotency key; on a network or server failure the same batch is sent
//! again after an exponential backoff with full jitter. An entry leaves the
//! outbox only in the transaction that records the server's answer, so a
//! crash at any point loses nothing and the server's keys stop doubles.

use super::log;
use super::model::{ActionBatch, BatchReply, Outcome};
use super::view::SyncReport;
use crate::account::session::require_token;
use crate::api::RetryPolicy;
use crate::context::Context;
use crate::error::{CoreResult, ErrorKind};

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
    let token = require_token(ctx.store.as_ref())?;
    let mut report = SyncReport {
        sent: 0,
        acknowledged: 0,
        pending: 0,
        rejected: 0,
        breaks: Vec::new(),
        error_vi: None,
        error_en: None,
    };
    let mut failures = 0;
    // Actions, not attempts: an entry sent again after a failure counts once.
    let mut sent = std::collections::HashSet::new();
    loop {
        let entries = ctx.db.read(|c| log::pending(c, batch.max(1)))?;
        if entries.is_empty() {
            break;
        }
        let Some(device_id) = ctx.db.read(log::stored_device_id)? else {
            break;
        };
        let keys: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
        sent.extend(keys.iter().cloned());
        report.sent = sent.len() as u32;
        let body = ActionBatch { device_id, entries };
        match ctx
            .api
            .post::<_, BatchReply>("/v1/staff/actions", &body, Some(&token), None)
            .await
        {
            Ok(reply) => {
                failures = 0;
                let (acked, rejected) = ctx.db.write(|tx| {
                    let mut acked = 0;
                    let mut rejected = 0;
                    for ack in &reply.acks {
                        if matches!(ack.outcome, Outcome::Rejected | Outcome::Quarantined) {
                            rejected += 1;
                        }
                        if log::acknowledge(tx, &ack.key, ack.outcome, ack.reason.as_deref())? {
                            acked += 1;
                        }
                    }
                    Ok((acked, rejected))
                })?;
                report.acknowledged += acked;
                report.rejected += rejected;
                report
                    .breaks
                    .extend(reply.breaks.iter().map(|b| format!("{}@{}", b.kind, b.seq)));
                if acked == 0 {
                    // The server answered but took none: do not spin.
                    break;
                }
            }
            Err(e) if matches!(e.kind(), ErrorKind::Offline | ErrorKind::Server) => {
                ctx.db.write(|tx| log::note_failure(tx, &keys, &e))?;
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
    report.pending = ctx.db.read(log::pending_count)?;
    Ok(report)
}
