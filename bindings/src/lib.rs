//! # dvc-ffi
//!
//! The uniffi facade of `dvc-core`: one [`DvcCore`] object handing out one
//! object per capability. Data types are the core's own (they derive the
//! uniffi traits behind the core's `uniffi` feature), so nothing is copied
//! into mirror types here. Async functions run on the core's own tokio
//! runtime, so Kotlin coroutines and Swift tasks can await them directly.

mod account;
mod bookings;
mod catalogue;
mod checklists;
mod dossiers;
mod field;
mod offices;
mod qr;
mod tracking;

use std::sync::Arc;

use dvc_core::platform::SecureStore;
use dvc_core::{Core, CoreConfig, CoreError};

pub use account::Account;
pub use bookings::Bookings;
pub use catalogue::Catalogue;
pub use checklists::Checklists;
pub use dossiers::Dossiers;
pub use field::Field;
pub use offices::Offices;
pub use qr::Qr;
pub use tracking::Tracking;

uniffi::setup_scaffolding!("dvc_ffi");

/// The shared core: create one per app process and keep it.
#[derive(uniffi::Object)]
pub struct DvcCore {
    core: Core,
}

#[uniffi::export]
impl DvcCore {
    /// Opens the core with the app's files folder, the server URL and the
    /// platform's secure store (Keychain / Keystore).
    #[uniffi::constructor]
    pub fn new(
        config: CoreConfig,
        secure_store: Arc<dyn SecureStore>,
    ) -> Result<Arc<Self>, CoreError> {
        Ok(Arc::new(Self {
            core: Core::open(config, secure_store)?,
        }))
    }

    /// Sign-in and session.
    pub fn account(&self) -> Arc<Account> {
        Arc::new(Account::new(self.core.account()))
    }

    /// Appointments.
    pub fn bookings(&self) -> Arc<Bookings> {
        Arc::new(Bookings::new(self.core.bookings()))
    }

    /// The procedure catalogue.
    pub fn catalogue(&self) -> Arc<Catalogue> {
        Arc::new(Catalogue::new(self.core.catalogue()))
    }

    /// Checklists and draft dossiers.
    pub fn checklists(&self) -> Arc<Checklists> {
        Arc::new(Checklists::new(self.core.checklists()))
    }

    /// Agent offices.
    pub fn offices(&self) -> Arc<Offices> {
        Arc::new(Offices::new(self.core.offices()))
    }

    /// The signed-in account's dossiers.
    pub fn dossiers(&self) -> Arc<Dossiers> {
        Arc::new(Dossiers::new(self.core.dossiers()))
    }

    /// QR dossier codes: show, verify offline, scan.
    pub fn qr(&self) -> Arc<Qr> {
        Arc::new(Qr::new(self.core.qr()))
    }

    /// Dossier tracking: timelines by dossier code or item number, and the
    /// notifications they produce.
    pub fn tracking(&self) -> Arc<Tracking> {
        Arc::new(Tracking::new(self.core.tracking()))
    }

    /// Field staff work: the worklist, actions recorded offline, the sync.
    pub fn field(&self) -> Arc<Field> {
        Arc::new(Field::new(self.core.field()))
    }

    /// The schema version of the local database.
    pub fn schema_version(&self) -> Result<u32, CoreError> {
        self.core.schema_version()
    }
}

/// The schema version a freshly opened local database is migrated to.
#[uniffi::export]
pub fn latest_schema_version() -> u32 {
    dvc_core::storage::CLIENT_SCHEMA.latest()
}

/// The version of the core library.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
