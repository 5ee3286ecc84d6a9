//! Hồ sơ: dossiers filed through an agent. This slice creates a dossier on
//! the server and keeps the account's dossiers cached for offline viewing.

mod cache;
pub mod code;
pub mod filing;
pub(crate) mod service;

pub use filing::PendingFiling;
pub use service::DossierService;
