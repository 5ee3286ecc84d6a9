//! Đại lý: the agent offices — the list from the server (cached for offline
//! use), the nearest ones to a position, and search by name or ward.

mod geo;
mod service;
pub(crate) mod store;

pub use geo::distance_km;
pub use service::{NearbyOffice, OfficeService};
