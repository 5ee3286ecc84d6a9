//! Danh mục thủ tục: the procedure catalogue — data, validation, search
//! that works without diacritics, and the versioned copy kept on the device
//! (a bundled version works offline on first start; the server's newer one
//! replaces it whole).

pub mod condition;
pub mod fold;
pub mod model;
pub mod profile;
pub mod search;
mod service;
pub mod state;
mod store;
pub mod validate;

pub(crate) use service::load;
pub use service::{CatalogueService, CatalogueUpdate};

/// The catalogue bundled with the app (`core/data/catalogue.json`).
pub const BUNDLED_JSON: &str = include_str!("../../data/catalogue.json");
