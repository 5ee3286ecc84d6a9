//! Dossier calls: create on the server, refresh the cache, read offline.

use std::sync::Arc;

use super::cache;
use crate::account::session::require_token;
use crate::api::model::{Dossier, NewDossier};
use crate::context::Context;
use crate::error::{CoreError, CoreResult};
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
                let token = require_token(ctx.store.as_ref())?;
                let body = NewDossier {
                    procedure_code: procedure_code.trim().to_owned(),
                    office_id,
                };
                let dossier: Dossier = ctx
                    .api
                    .post("/v1/dossiers", &body, Some(&token), Some(&key))
                    .await?;
                ctx.db.write(|tx| cache::upsert(tx, &dossier))?;
                Ok(dossier)
            })
            .await
    }

    /// Fetches the account's dossiers from the server and replaces the cache.
    pub async fn refresh(&self) -> CoreResult<Vec<Dossier>> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(ctx.store.as_ref())?;
                let list: Vec<Dossier> = ctx.api.get("/v1/dossiers", Some(&token)).await?;
                ctx.db.write(|tx| cache::replace_all(tx, &list))?;
                Ok(list)
            })
            .await
    }

    /// One dossier from the server (the account must be allowed to see it).
    pub async fn get(&self, id: String) -> CoreResult<Dossier> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(CoreError::invalid(
                "id",
                format!("Mã hồ sơ không hợp lệ: {id}"),
                format!("Invalid dossier id: {id}"),
            ));
        }
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(ctx.store.as_ref())?;
                ctx.api
                    .get(&format!("/v1/dossiers/{id}"), Some(&token))
                    .await
            })
            .await
    }

    /// The dossiers cached on this device, newest first. Works offline.
    pub fn cached(&self) -> CoreResult<Vec<Dossier>> {
        self.ctx.db.read(cache::all)
    }
}
