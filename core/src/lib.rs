//! # dvc-core
//!
//! The shared mobile core for Hanoi's online public-service agents at the
//! post office (Đại lý dịch vụ công): what the Android and iOS apps, the
//! terminal shell `dvc` and the reference server share. Pure Rust: no FFI
//! code lives here; with the `uniffi` feature its data types derive the
//! uniffi traits so the `dvc-ffi` crate can expose them without copies.
//!
//! Capabilities are modules (`account`, `office`, `dossier`, more as they
//! land); `storage`, `api` and `platform` are the shared plumbing.

pub mod account;
pub mod api;
pub mod booking;
pub mod calendar;
pub mod catalogue;
pub mod checklist;
pub mod clock;
mod context;
mod core;
mod count;
pub mod dossier;
pub mod error;
pub mod events;
#[cfg(feature = "uniffi")]
mod ffi_types;
pub mod field;
pub mod files;
pub mod ids;
pub mod logging;
pub mod office;
pub mod phone;
pub mod platform;
pub mod qr;
pub mod reason;
pub mod screen;
pub mod storage;
pub mod text;
pub mod time;
pub mod tracking;

pub use crate::core::{Core, CoreConfig, DATABASE_FILE};
/// The date-time crate of the core's types (for crates built on them).
pub use chrono;
pub use error::{CoreError, CoreResult, ErrorKind};
pub use reason::Reason;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("dvc_core");
