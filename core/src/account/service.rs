//! Sign-in flows against the server.

use std::sync::Arc;

use super::owner;
use super::session::{self, Session, SignOutCheck};
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
                // The secure store and the database are slow and blocking:
                // off the runtime's thread, so other calls go on meanwhile.
                let store = ctx.clone();
                Context::blocking(move || {
                    let ctx = store;
                    // The stored session, even lapsed, names who held the
                    // device before its owner was remembered in the database.
                    let previous = session::load_any_grant(&ctx)?;
                    let account = grant.principal.account_id.clone();
                    let hint = previous.map(|p| p.principal.account_id);
                    ctx.db
                        .write(|tx| owner::hand_over(tx, &account, hint.as_deref()))?;
                    session::save_grant(&ctx, &grant)?;
                    let mut session = Session::from(grant);
                    session.others_unsent =
                        ctx.db.read(|c| crate::field::others_pending(c, &account))?;
                    Ok(session)
                })
                .await
            })
            .await
    }

    /// The current session, if signed in and not expired. Works offline.
    pub fn session(&self) -> CoreResult<Option<Session>> {
        let Some(grant) = session::load_grant(&self.ctx)? else {
            return Ok(None);
        };
        let account = grant.principal.account_id.clone();
        let mut session = Session::from(grant);
        session.others_unsent = self
            .ctx
            .db
            .read(|c| crate::field::others_pending(c, &account))?;
        Ok(Some(session))
    }

    /// What signing out now would remove or hold up: drafts (lost) and
    /// field actions not yet sent (sign-out waits for them). Works offline.
    pub fn sign_out_check(&self) -> CoreResult<SignOutCheck> {
        self.ctx.db.read(|c| {
            let unsent_actions = match owner::current(c)? {
                Some(account) => crate::field::pending_actions(c, &account)?,
                None => 0,
            };
            Ok(SignOutCheck {
                drafts: owner::draft_count(c)?,
                unsent_actions,
            })
        })
    }

    /// Asks the server who the token belongs to (checks it is still valid).
    pub async fn whoami(&self) -> CoreResult<Principal> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = session::require_token(&ctx)?;
                ctx.api.get("/v1/me", Some(&token)).await
            })
            .await
    }

    /// Signs out, keeping drafts safe: refused (`conflict`, reason
    /// `drafts_will_be_lost`) while drafts exist. See [`Self::sign_out_with`].
    pub async fn sign_out(&self) -> CoreResult<()> {
        self.sign_out_with(false).await
    }

    /// Signs out: ends the token on the server when reachable, and always
    /// forgets it here together with the account's personal data: cached
    /// dossiers, bookings, timelines, notifications, the worklist, and
    /// drafts (with their addresses and answers). Refused (`conflict`,
    /// reason `drafts_will_be_lost`) while drafts exist unless
    /// `discard_drafts` (ask first; [`Self::sign_out_check`] counts them),
    /// and (reason `unsent_actions`) while this account's field actions
    /// wait to be sent. Its acknowledged field log stays, for the audit.
    pub async fn sign_out_with(&self, discard_drafts: bool) -> CoreResult<()> {
        let check = self.sign_out_check()?;
        let unsent = check.unsent_actions;
        if check.drafts > 0 && !discard_drafts {
            let n = check.drafts;
            return Err(CoreError::conflict(
                crate::Reason::DraftsWillBeLost,
                format!("Đăng xuất sẽ xoá {n} hồ sơ nháp trên máy này. Xác nhận để tiếp tục."),
                format!("Signing out deletes {n} draft dossiers on this phone. Confirm to go on."),
            ));
        }
        if unsent > 0 {
            return Err(CoreError::conflict(
                crate::Reason::UnsentActions,
                format!(
                    "Còn {unsent} thao tác chưa gửi: hãy đồng bộ khi có mạng rồi mới đăng xuất."
                ),
                format!("{unsent} actions are not sent yet: sync when online, then sign out."),
            ));
        }
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                if let Some(grant) = session::load_grant(&ctx)? {
                    let ended: CoreResult<serde_json::Value> = ctx
                        .api
                        .post("/v1/auth/logout", &(), Some(&grant.token), None)
                        .await;
                    if let Err(e) = ended {
                        tracing::info!(error = %e, "server sign-out failed; forgetting locally");
                    }
                }
                Context::blocking(move || {
                    session::clear_grant(&ctx)?;
                    ctx.db.write(owner::forget)
                })
                .await
            })
            .await
    }
}
