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
mod files;
mod numbers;
mod offices;
mod qr;
mod screens;
mod tracking;

use std::sync::Arc;

use dvc_core::chrono;
use dvc_core::platform::SecureStore;
use dvc_core::{Core, CoreConfig, CoreError};

pub use account::Account;
pub use bookings::Bookings;
pub use catalogue::Catalogue;
pub use checklists::Checklists;
pub use dossiers::Dossiers;
pub use field::Field;
pub use files::Files;
pub use offices::Offices;
pub use qr::Qr;
pub use screens::Screens;
pub use tracking::Tracking;

uniffi::setup_scaffolding!("dvc_ffi");

// Instants cross as the core declares them (`SystemTime`: Instant / Date).
uniffi::use_remote_type!(dvc_core::chrono::DateTime<chrono::Utc>);

/// The shared core: create one per app process and keep it. Its
/// capability objects are made once, at open: every call hands out the
/// same one.
#[derive(uniffi::Object)]
pub struct DvcCore {
    core: Core,
    account: Arc<Account>,
    bookings: Arc<Bookings>,
    catalogue: Arc<Catalogue>,
    checklists: Arc<Checklists>,
    offices: Arc<Offices>,
    dossiers: Arc<Dossiers>,
    files: Arc<Files>,
    qr: Arc<Qr>,
    screens: Arc<Screens>,
    tracking: Arc<Tracking>,
    field: Arc<Field>,
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
        let core = Core::open(config, secure_store)?;
        Ok(Arc::new(Self {
            account: Arc::new(Account::new(core.account())),
            bookings: Arc::new(Bookings::new(core.bookings())),
            catalogue: Arc::new(Catalogue::new(core.catalogue())),
            checklists: Arc::new(Checklists::new(core.checklists())),
            offices: Arc::new(Offices::new(core.offices())),
            dossiers: Arc::new(Dossiers::new(core.dossiers())),
            files: Arc::new(Files::new(core.files())),
            qr: Arc::new(Qr::new(core.qr())),
            screens: Arc::new(Screens::new(core.screens())),
            tracking: Arc::new(Tracking::new(core.tracking())),
            field: Arc::new(Field::new(core.field())),
            core,
        }))
    }

    /// Sign-in and session.
    pub fn account(&self) -> Arc<Account> {
        self.account.clone()
    }

    /// Appointments.
    pub fn bookings(&self) -> Arc<Bookings> {
        self.bookings.clone()
    }

    /// The procedure catalogue.
    pub fn catalogue(&self) -> Arc<Catalogue> {
        self.catalogue.clone()
    }

    /// Checklists and draft dossiers.
    pub fn checklists(&self) -> Arc<Checklists> {
        self.checklists.clone()
    }

    /// Agent offices.
    pub fn offices(&self) -> Arc<Offices> {
        self.offices.clone()
    }

    /// The signed-in account's dossiers.
    pub fn dossiers(&self) -> Arc<Dossiers> {
        self.dossiers.clone()
    }

    /// The files of dossiers: pages and proofs of delivery, read back.
    pub fn files(&self) -> Arc<Files> {
        self.files.clone()
    }

    /// QR dossier codes: show, verify offline, scan.
    pub fn qr(&self) -> Arc<Qr> {
        self.qr.clone()
    }

    /// The apps' screens, ready to draw (texts, formats, choices).
    pub fn screens(&self) -> Arc<Screens> {
        self.screens.clone()
    }

    /// Dossier tracking: timelines by dossier code or item number, and the
    /// notifications they produce.
    pub fn tracking(&self) -> Arc<Tracking> {
        self.tracking.clone()
    }

    /// Field staff work: the worklist, actions recorded offline, the sync.
    pub fn field(&self) -> Arc<Field> {
        self.field.clone()
    }

    /// Tells `listener` of every change (sync progress and outcome, new
    /// notifications, connectivity, the worklist) until the returned
    /// handle is cancelled or dropped. DvcKit offers it as an
    /// `AsyncStream`, the Kotlin kit as a `Flow`.
    pub fn subscribe(
        &self,
        listener: Arc<dyn dvc_core::events::CoreListener>,
    ) -> Arc<dvc_core::events::Subscription> {
        Arc::new(self.core.subscribe(listener))
    }

    /// The schema version of the local database.
    pub fn schema_version(&self) -> Result<i32, CoreError> {
        self.core.schema_version().map(numbers::count_out)
    }

    /// Sets the core's clock to `at` (time runs on from there), or back to
    /// the phone's time with `None`. For tests and demos: nothing the core
    /// decides then depends on today's date.
    pub fn set_clock(&self, at: Option<chrono::DateTime<chrono::Utc>>) {
        match at {
            Some(at) => self.core.clock().set(at),
            None => self.core.clock().reset(),
        }
    }
}

/// Sends the core's log at `level` and above to `sink` (Logcat, os_log);
/// call once at start-up, again to change the level. False when the
/// process already logs elsewhere.
#[uniffi::export]
pub fn set_log_sink(
    sink: Arc<dyn dvc_core::logging::LogSink>,
    level: dvc_core::logging::LogLevel,
) -> bool {
    dvc_core::logging::set_log_sink(sink, level)
}

/// The schema version a freshly opened local database is migrated to.
#[uniffi::export]
pub fn latest_schema_version() -> i32 {
    numbers::count_out(dvc_core::storage::CLIENT_SCHEMA.latest())
}

/// The version of the core library.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn capability_objects_are_made_once_and_handed_out_again() {
        let core = DvcCore::new(
            CoreConfig::new("", "http://127.0.0.1:9"),
            Arc::new(dvc_core::platform::MemorySecureStore::default()),
        )
        .unwrap();
        assert!(Arc::ptr_eq(&core.account(), &core.account()));
        assert!(Arc::ptr_eq(&core.field(), &core.field()));
        assert!(Arc::ptr_eq(&core.tracking(), &core.tracking()));
    }
}
