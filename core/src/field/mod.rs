//! Field staff: home visits, their route, the device's action log.
//!
//! Post-office staff who visit people at home (to pick up dossiers or
//! deliver results) get their visits ordered into a short route
//! ([`route`]); every action is recorded on the device first, as the next
//! entry of a hash-chained log ([`chain`]) with an outbox entry, and sent
//! later in batches that the server applies once per key.

pub mod chain;
mod desk;
mod log;
pub mod model;
mod refusal;
pub mod route;
pub mod salvage;
mod service;
mod store;
mod sync;
pub mod view;
pub mod wedge;

pub use desk::DeskService;
pub use log::DEFAULT_RETENTION;
pub(crate) use log::{claim_unowned, others_pending, pending_count as pending_actions};
pub use service::FieldService;
pub use sync::DEFAULT_BATCH;
