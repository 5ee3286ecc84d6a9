//! Local storage on SQLite: one connection guarded for the whole core, WAL,
//! foreign keys on, every write in an IMMEDIATE transaction, and versioned
//! migrations kept on `PRAGMA user_version`.

mod database;
mod migration;
mod schema;

pub use database::{Database, Durability};
pub use migration::{Migration, Schema};
pub use schema::CLIENT_SCHEMA;

#[cfg(any(test, feature = "test-support"))]
pub mod upgrade_check;
