//! Reading a dossier's files back: its owner and the staff of its office
//! (the server decides who sees which).

use std::sync::Arc;

use super::model::DossierFiles;
use super::store::is_sha256;
use crate::account::session::require_token;
use crate::context::Context;
use crate::dossier::service::check_id;
use crate::error::{CoreError, CoreResult};

/// Tệp của hồ sơ: list and fetch the files of a dossier.
#[derive(Clone)]
pub struct FileService {
    ctx: Arc<Context>,
}

impl FileService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// The files of dossier `dossier` (server id or code) the signed-in
    /// account may see: pages, and the proofs of pickup and delivery.
    pub async fn list(&self, dossier: String) -> CoreResult<DossierFiles> {
        check_id(&dossier)?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                ctx.api
                    .get(&format!("/v1/dossiers/{dossier}/files"), Some(&token))
                    .await
            })
            .await
    }

    /// Writes file `sha256` of dossier `dossier` to `out_path`; gives its
    /// size. The bytes are checked against the hash before the file
    /// appears: a broken download leaves nothing at `out_path`.
    pub async fn save(&self, dossier: String, sha256: String, out_path: String) -> CoreResult<i64> {
        check_id(&dossier)?;
        if !is_sha256(&sha256) {
            return Err(CoreError::invalid(
                "sha256",
                "Mã tệp phải là SHA-256 dạng hex (64 ký tự thường).",
                "A file is named by its SHA-256 in hex (64 lowercase characters).",
            ));
        }
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                let path = format!("/v1/dossiers/{dossier}/files/{sha256}");
                let bytes = ctx
                    .api
                    .send(reqwest::Method::GET, &path, None, Some(&token), None, true)
                    .await?;
                let got = ring::digest::digest(&ring::digest::SHA256, &bytes);
                if crate::ids::hex(got.as_ref()) != sha256 {
                    return Err(CoreError::new(
                        crate::ErrorKind::Server,
                        "",
                        "Tệp tải về bị hỏng giữa đường. Vui lòng thử lại.",
                        "The file was damaged on the way. Please try again.",
                    ));
                }
                // Written beside and renamed: a failure leaves nothing there.
                let out = std::path::PathBuf::from(&out_path);
                let tmp = out.with_extension("part");
                let written = std::fs::write(&tmp, &bytes)
                    .and_then(|()| std::fs::rename(&tmp, &out))
                    .map_err(|e| CoreError::file(&out, &e));
                if written.is_err() {
                    let _ = std::fs::remove_file(&tmp);
                }
                written.map(|()| i64::try_from(bytes.len()).unwrap_or(i64::MAX))
            })
            .await
    }
}
