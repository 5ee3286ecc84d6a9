//! Sign-in flows against the server.

use std::sync::Arc;

use super::session::{self, Session};
use crate::api::model::{CitizenSignIn, OtpRequest, OtpSent, Principal, StaffSignIn, TokenGrant};
use crate::context::Context;
use crate::error::{CoreError, CoreResult};
use crate::phone::normalize_phone;

/// Đăng nhập: sign in, see who is signed in, sign out.
#[derive(Clone)]
pub struct AccountService {
    ctx: Arc<Context>,
}

impl AccountService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// Asks the server to send a one-time code to `phone` by SMS.
    pub async fn request_code(&self, phone: String) -> CoreResult<OtpSent> {
        let phone = normalize_phone(&phone)?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                ctx.api
                    .post("/v1/auth/otp", &OtpRequest { phone }, None, None)
                    .await
            })
            .await
    }

    /// Signs a citizen in with the code they received; keeps the session.
    pub async fn sign_in_citizen(&self, phone: String, code: String) -> CoreResult<Session> {
        let phone = normalize_phone(&phone)?;
        let code = code.trim().to_owned();
        if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(CoreError::invalid(
                "code",
                "Mã xác thực gồm 6 chữ số.",
                "The code has 6 digits.",
            ));
        }
        self.sign_in("/v1/auth/citizen", CitizenSignIn { phone, code })
            .await
    }

    /// Signs a staff member in; keeps the session.
    pub async fn sign_in_staff(&self, username: String, password: String) -> CoreResult<Session> {
        if username.trim().is_empty() {
            return Err(CoreError::invalid(
                "username",
                "Chưa nhập tên đăng nhập.",
                "Enter a username.",
            ));
        }
        let body = StaffSignIn {
            username: username.trim().to_owned(),
            password,
        };
        self.sign_in("/v1/auth/staff", body).await
    }

    async fn sign_in<B: serde::Serialize + Send + Sync + 'static>(
        &self,
        path: &'static str,
        body: B,
    ) -> CoreResult<Session> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let grant: TokenGrant = ctx.api.post(path, &body, None, None).await?;
                let previous = session::load_grant(ctx.store.as_ref())?;
                if previous.is_some_and(|p| p.principal.account_id != grant.principal.account_id) {
                    ctx.forget_account_data()?;
                }
                session::save_grant(ctx.store.as_ref(), &grant)?;
                Ok(Session::from(grant))
            })
            .await
    }

    /// The current session, if signed in and not expired. Works offline.
    pub fn session(&self) -> CoreResult<Option<Session>> {
        Ok(session::load_grant(self.ctx.store.as_ref())?.map(Session::from))
    }

    /// Asks the server who the token belongs to (checks it is still valid).
    pub async fn whoami(&self) -> CoreResult<Principal> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = session::require_token(ctx.store.as_ref())?;
                ctx.api.get("/v1/me", Some(&token)).await
            })
            .await
    }

    /// Signs out: ends the token on the server when reachable, and always
    /// forgets it here together with the account's cached data. Refused
    /// (`conflict`, reason `unsent_actions`) while field actions recorded
    /// on this device wait to be sent: they belong to this account, and
    /// another account signing in must not send them as its own.
    pub async fn sign_out(&self) -> CoreResult<()> {
        let unsent = self.ctx.db.read(crate::field::pending_actions)?;
        if unsent > 0 {
            return Err(CoreError::conflict(
                "unsent_actions",
                format!(
                    "Còn {unsent} thao tác chưa gửi: hãy đồng bộ khi có mạng rồi mới đăng xuất."
                ),
                format!("{unsent} actions are not sent yet: sync when online, then sign out."),
            ));
        }
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                if let Some(grant) = session::load_grant(ctx.store.as_ref())? {
                    let ended: CoreResult<serde_json::Value> = ctx
                        .api
                        .post("/v1/auth/logout", &(), Some(&grant.token), None)
                        .await;
                    if let Err(e) = ended {
                        tracing::info!(error = %e, "server sign-out failed; forgetting locally");
                    }
                }
                session::clear_grant(ctx.store.as_ref())?;
                ctx.forget_account_data()
            })
            .await
    }
}
