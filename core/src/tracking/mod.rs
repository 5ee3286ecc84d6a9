//! Theo dõi hồ sơ và bưu gửi: the dossier's status track and the postal
//! item's journey. Postal items carry UPU S10 numbers, checked wherever
//! they enter. The device keeps each tracked dossier's timeline, refreshes
//! it incrementally and turns new events into notifications.

pub mod late;
pub mod model;
pub mod notify;
pub mod postal;
pub mod s10;
mod service;
pub mod status;
mod store;
pub mod view;

pub use service::{DeliveryQuote, TrackingService, quote};
