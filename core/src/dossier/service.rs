//! Dossier calls: create on the server, refresh the cache, read offline.

use std::sync::Arc;

use super::{cache, filing};
use crate::account::session::require_token;
use crate::api::model::{Dossier, NewDossier};
use crate::context::Context;
use crate::error::{CoreError, CoreResult, ErrorKind};
use crate::ids::new_id;

/// Hồ sơ: the signed-in account's dossiers.
#[derive(Clone)]
pub struct DossierService {
    ctx: Arc<Context>,
}

impl DossierService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// Files a new dossier for `procedure_code` at `office_id`. Safe to
    /// retry: one idempotency key is used for every try of this call.
    pub async fn create(&self, procedure_code: String, office_id: String) -> CoreResult<Dossier> {
        if procedure_code.trim().is_empty() {
            return Err(CoreError::invalid(
                "procedure_code",
                "Chưa chọn thủ tục.",
                "No procedure chosen.",
            ));
        }
        let key = new_id()?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                let body = NewDossier {
                    procedure_code: procedure_code.trim().to_owned(),
                    office_id,
                    profile: None,
                    documents: Vec::new(),
                    booking_id: None,
                    delivery: Default::default(),
                    pages: Vec::new(),
                };
                let dossier: Dossier = ctx
                    .api
                    .post("/v1/dossiers", &body, Some(&token), Some(&key))
                    .await?;
                ctx.db.write(|tx| cache::upsert(tx, &dossier, ctx.now()))?;
                Ok(dossier)
            })
            .await
    }

    /// Submits draft `draft_id`: its pages the server lacks are uploaded
    /// (resumably, in chunks), then the dossier is filed: the server
    /// assigns the dossier code and signs its QR; the dossier is cached and
    /// the draft removed in one transaction. The request is queued first,
    /// so with no signal (or a killed app) nothing is lost: the next
    /// submit or [`DossierService::send_pending`] goes on from where the
    /// server stands, and the draft's idempotency key files it once.
    pub async fn submit(&self, draft_id: String) -> CoreResult<Dossier> {
        self.submit_with(draft_id, crate::files::upload::CHUNK_BYTES)
            .await
    }

    /// [`DossierService::submit`] sending `chunk` bytes a request.
    pub async fn submit_with(&self, draft_id: String, chunk: usize) -> CoreResult<Dossier> {
        let checklist = crate::checklist::ChecklistService::new(self.ctx.clone())
            .draft(&draft_id)?
            .checklist;
        if !checklist.pages_missing.is_empty() {
            return Err(crate::files::limits::pages_missing(
                &checklist.pages_missing,
            ));
        }
        let total: u64 = checklist
            .items
            .iter()
            .flat_map(|i| &i.pages)
            .map(|p| u64::try_from(p.bytes).unwrap_or(0))
            .sum();
        self.ctx.file_limits.check_dossier(total)?;
        let account = self.ctx.db.read(crate::account::owner::require)?;
        self.ctx
            .db
            .write(|tx| filing::queue(tx, &draft_id, &account, self.ctx.now()))?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move { filing::send(&ctx, &draft_id, chunk).await })
            .await
    }

    /// Files every draft queued by the signed-in account that is not
    /// turned down (call when the network is back or the app starts);
    /// gives the dossiers filed. Stops at the first network failure,
    /// keeping the rest queued; see [`DossierService::pending_filings`].
    pub async fn send_pending(&self) -> CoreResult<Vec<Dossier>> {
        let account = self.ctx.db.read(crate::account::owner::require)?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let mut filed = Vec::new();
                for id in ctx.db.read(|c| filing::waiting(c, &account))? {
                    match filing::send(&ctx, &id, crate::files::upload::CHUNK_BYTES).await {
                        Ok(d) => filed.push(d),
                        Err(e) if matches!(e.kind(), ErrorKind::Offline | ErrorKind::Server) => {
                            if filed.is_empty() {
                                return Err(e);
                            }
                            break;
                        }
                        // Turned down (kept with its reason) or signed out.
                        Err(e) if e.kind() == ErrorKind::Unauthorised => return Err(e),
                        Err(_) => {}
                    }
                }
                Ok(filed)
            })
            .await
    }

    /// Drafts queued for filing: what each waits for, or why the server
    /// turned it down. Works offline.
    pub fn pending_filings(&self) -> CoreResult<Vec<filing::PendingFiling>> {
        self.ctx.db.read(filing::all)
    }

    /// Withdraws dossier `id` (only before it is in process); its QR codes
    /// are revoked.
    pub async fn withdraw(&self, id: String) -> CoreResult<Dossier> {
        check_id(&id)?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                let dossier: Dossier = ctx
                    .api
                    .post(
                        &format!("/v1/dossiers/{id}/withdraw"),
                        &serde_json::json!({}),
                        Some(&token),
                        None,
                    )
                    .await?;
                ctx.db.write(|tx| cache::upsert(tx, &dossier, ctx.now()))?;
                Ok(dossier)
            })
            .await
    }

    /// Asks for a home pickup of the citizen's papers: the office books a
    /// pickup visit for one of its field staff (next working day,
    /// 08:00–12:00). Needs the server.
    pub async fn request_pickup(
        &self,
        req: crate::field::model::PickupRequest,
    ) -> CoreResult<crate::field::model::PickupBooked> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                let visit: crate::field::model::Visit = ctx
                    .api
                    .post("/v1/pickups", &req, Some(&token), None)
                    .await?;
                Ok(crate::field::model::PickupBooked {
                    visit_id: visit.id,
                    address: visit.address,
                    window_start: visit.window_start,
                    window_end: visit.window_end,
                    fee_vnd: visit.fee_vnd,
                })
            })
            .await
    }

    /// Fetches the account's dossiers from the server and replaces the cache.
    pub async fn refresh(&self) -> CoreResult<Vec<Dossier>> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                let list: Vec<Dossier> = ctx.api.get("/v1/dossiers", Some(&token)).await?;
                ctx.db
                    .write(|tx| cache::replace_all(tx, &list, ctx.now()))?;
                Ok(list)
            })
            .await
    }

    /// One dossier from the server, by server id or dossier code (the
    /// account must be allowed to see it); the cache is updated.
    pub async fn get(&self, id: String) -> CoreResult<Dossier> {
        check_id(&id)?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                let dossier: Dossier = ctx
                    .api
                    .get(&format!("/v1/dossiers/{id}"), Some(&token))
                    .await?;
                ctx.db.write(|tx| cache::upsert(tx, &dossier, ctx.now()))?;
                Ok(dossier)
            })
            .await
    }

    /// The cached dossier with this server id or dossier code. Works offline.
    pub fn cached_one(&self, id: &str) -> CoreResult<Option<Dossier>> {
        self.ctx.db.read(|c| cache::find(c, id))
    }

    /// The dossiers cached on this device, newest first. Works offline.
    pub fn cached(&self) -> CoreResult<Vec<Dossier>> {
        self.ctx.db.read(cache::all)
    }
}

/// Checks an id or dossier code that goes into a URL path.
pub(crate) fn check_id(id: &str) -> CoreResult<()> {
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return Err(CoreError::invalid(
            "id",
            format!("Mã hồ sơ không hợp lệ: {id}"),
            format!("Invalid dossier id: {id}"),
        ));
    }
    Ok(())
}
