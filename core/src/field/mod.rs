//! Field staff: home visits, their route, the device's action log.
//!
//! Post-office staff who visit people at home (to pick up dossiers or
//! deliver results) get their visits ordered into a short route
//! ([`route`]), and every action their device records is hash-chained so
//! the server can tell on sync whether the log was altered ([`chain`]).

pub mod chain;
pub mod route;
