//! The office side of home service, on a staff phone or counter terminal:
//! record the agency's decision on a dossier, hand a result to the post
//! for delivery, book a home pickup, scan an item in transit. (The
//! agency's own system would feed the first two in production.)

use std::sync::Arc;

use serde::Deserialize;

use super::model::{NewPickup, Visit};
use crate::account::session::require_token;
use crate::context::Context;
use crate::error::CoreResult;
use crate::tracking::model::{Dispatch, ItemScan, StatusUpdate, Track};
use crate::tracking::postal::PostalStep;
use crate::tracking::s10::S10;

/// Bàn làm việc: what office staff do for home service.
#[derive(Clone)]
pub struct DeskService {
    ctx: Arc<Context>,
}

#[derive(Deserialize)]
struct Dispatched {
    s10: String,
}

/// `id` trimmed, once checked fit for a URL path.
fn path_part(id: &str) -> CoreResult<&str> {
    let id = id.trim();
    crate::dossier::service::check_id(id)?;
    Ok(id)
}

impl DeskService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    async fn post<
        B: serde::Serialize + Send + Sync + 'static,
        T: serde::de::DeserializeOwned + Send + 'static,
    >(
        &self,
        path: String,
        body: B,
    ) -> CoreResult<T> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                ctx.api.post(&path, &body, Some(&token), None).await
            })
            .await
    }

    /// Records status `status_code` (1–10) of dossier `dossier` (id or
    /// code), with an optional note for the citizen.
    pub async fn set_status(
        &self,
        dossier: String,
        status_code: u8,
        note_vi: Option<String>,
        note_en: Option<String>,
    ) -> CoreResult<()> {
        let path = format!("/v1/staff/dossiers/{}/status", path_part(&dossier)?);
        let _: Track = self
            .post(
                path,
                StatusUpdate {
                    status_code,
                    note_vi,
                    note_en,
                    reason: None,
                },
            )
            .await?;
        Ok(())
    }

    /// Hands dossier `dossier`'s result to the post; returns its S10 item
    /// number (checked when given, assigned by the server when not).
    pub async fn dispatch(&self, dossier: String, req: Dispatch) -> CoreResult<String> {
        if let Some(s10) = &req.s10 {
            s10.parse::<S10>()?;
        }
        let path = format!("/v1/staff/dossiers/{}/dispatch", path_part(&dossier)?);
        let done: Dispatched = self.post(path, req).await?;
        Ok(done.s10)
    }

    /// Books a home pickup on a field staff member's worklist.
    pub async fn book_pickup(&self, req: NewPickup) -> CoreResult<Visit> {
        self.post("/v1/staff/visits".to_owned(), req).await
    }

    /// Records a back-office scan of item `s10` (in transit, out for delivery).
    pub async fn scan(&self, s10: String, step: PostalStep) -> CoreResult<()> {
        let item: S10 = s10.parse()?;
        let path = format!("/v1/staff/items/{}/scan", item.as_str());
        let _: Track = self.post(path, ItemScan { step }).await?;
        Ok(())
    }
}
