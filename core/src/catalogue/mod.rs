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
mod shipped;
pub mod state;
mod store;
pub mod validate;

pub(crate) use service::load;
pub use service::{CatalogueService, CatalogueStats, CatalogueUpdate};

/// The catalogue shipped with the project (`core/data/catalogue.json`). The
/// CLI, the server and tests open the core with it
/// (`Core::open_with_catalogue`); the mobile library never references it,
/// so it is not in the library: apps pass the file's path in `CoreConfig`.
pub const BUNDLED_JSON: &str = include_str!("../../data/catalogue.json");
