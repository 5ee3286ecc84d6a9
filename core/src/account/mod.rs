//! Signing in and out: citizens with phone + one-time code, staff with
//! username + password. The token lives in the platform's [`SecureStore`],
//! never in the database.
//!
//! [`SecureStore`]: crate::platform::SecureStore

pub(crate) mod owner;
mod service;
pub(crate) mod session;

pub use service::AccountService;

/// A device upgraded from before the owner was remembered: the stored
/// session (even lapsed) names the account, which keeps its data and log.
pub(crate) fn adopt_stored_session(ctx: &crate::context::Context) -> crate::CoreResult<()> {
    let stored = session::load_any_grant(ctx)?;
    if ctx.db.read(owner::current)?.is_some() {
        return Ok(());
    }
    let Some(grant) = stored else {
        return Ok(());
    };
    let account = grant.principal.account_id;
    ctx.db
        .write(|tx| owner::hand_over(tx, &account, Some(&account)))
        .map(|_| ())
}
pub use session::{Session, SignOutCheck};
