//! Mã QR hồ sơ: compact, signed dossier codes that a clerk or a field staff
//! member verifies offline. The payload format is in [`payload`]; the
//! server signs with [`issuer`]; phones verify with [`keyring`] and draw the
//! symbol with [`render`] (PNG files written by [`png`]). Drafts get an
//! unsigned code that only pre-fills.

pub mod documents;
pub mod error;
pub mod issuer;
pub mod keyring;
pub mod payload;
pub mod png;
pub mod render;
mod service;
mod store;
pub mod view;

pub use service::QrService;

pub use error::QrError;

#[cfg(test)]
mod tests;

/// How old cached keys may be (24 hours) before a check says so.
pub const KEYRING_MAX_AGE_SECS: u64 = 24 * 3600;
