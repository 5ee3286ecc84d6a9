//! Sign-in and session, for the native sign-in screens.

use dvc_core::CoreError;
use dvc_core::account::{AccountService, Session, SignOutCheck};
use dvc_core::api::model::{OtpSent, Principal};

/// Đăng nhập: sign in by phone + one-time code (citizens) or by password
/// (staff), read the session offline, sign out.
#[derive(uniffi::Object)]
pub struct Account {
    inner: AccountService,
}

impl Account {
    pub(crate) fn new(inner: AccountService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Account {
    /// Sends a one-time code by SMS to `phone`.
    pub async fn request_code(&self, phone: String) -> Result<OtpSent, CoreError> {
        self.inner.request_code(phone).await
    }

    /// Signs a citizen in with the code they received.
    pub async fn sign_in_citizen(&self, phone: String, code: String) -> Result<Session, CoreError> {
        self.inner.sign_in_citizen(phone, code).await
    }

    /// Signs a staff member in.
    pub async fn sign_in_staff(
        &self,
        username: String,
        password: String,
    ) -> Result<Session, CoreError> {
        self.inner.sign_in_staff(username, password).await
    }

    /// The current session, if any (works offline).
    pub fn session(&self) -> Result<Option<Session>, CoreError> {
        self.inner.session()
    }

    /// Asks the server who is signed in (checks the session is still valid).
    pub async fn whoami(&self) -> Result<Principal, CoreError> {
        self.inner.whoami().await
    }

    /// What signing out would remove (drafts) or wait for (unsent field
    /// actions); ask before [`Account::sign_out`] with `discard_drafts`.
    pub fn sign_out_check(&self) -> Result<SignOutCheck, CoreError> {
        self.inner.sign_out_check()
    }

    /// Signs out and forgets the account's data on this device (drafts
    /// too). Refused with reason `drafts_will_be_lost` while drafts exist
    /// unless `discard_drafts`, and with `unsent_actions` while this
    /// account's field actions wait to be sent.
    #[uniffi::method(default(discard_drafts = false))]
    pub async fn sign_out(&self, discard_drafts: bool) -> Result<(), CoreError> {
        self.inner.sign_out_with(discard_drafts).await
    }
}
