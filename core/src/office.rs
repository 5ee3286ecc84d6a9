//! Đại lý: the agent offices, as published by the server.

use std::sync::Arc;

use crate::api::model::Office;
use crate::context::Context;
use crate::error::CoreResult;

/// Lists the agent offices.
#[derive(Clone)]
pub struct OfficeService {
    ctx: Arc<Context>,
}

impl OfficeService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// All offices the server knows, in its order. No sign-in needed.
    pub async fn list(&self) -> CoreResult<Vec<Office>> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move { ctx.api.get("/v1/offices", None).await })
            .await
    }
}
