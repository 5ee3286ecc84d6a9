//! Signing in and out: citizens with phone + one-time code, staff with
//! username + password. The token lives in the platform's [`SecureStore`],
//! never in the database.
//!
//! [`SecureStore`]: crate::platform::SecureStore

mod service;
pub(crate) mod session;

pub use service::AccountService;
pub use session::Session;
