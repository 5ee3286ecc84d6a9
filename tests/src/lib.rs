//! Test harness: a reference server on a free loopback port, staff accounts
//! on it, and cores (phones) signed in against it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use dvc_core::api::model::StaffRole;
use dvc_core::platform::MemorySecureStore;
use dvc_core::{Core, CoreConfig};
use dvc_server::auth::otp::CaptureSender;
use dvc_server::{RunningServer, ServerConfig};

/// The password every test staff account gets.
pub const STAFF_PASSWORD: &str = "test-password-123";

/// A running server and the codes it "sent".
pub struct World {
    /// The server.
    pub server: RunningServer,
    /// One-time codes, by phone.
    pub codes: Arc<CaptureSender>,
}

impl World {
    /// A fresh in-memory server with staff: `counter-hk` and `field-hk` at
    /// `vnp-hoan-kiem`, `counter-cg` at `vnp-cau-giay`.
    pub fn start() -> Self {
        Self::start_with(|_| {})
    }

    /// Like [`World::start`], with settings changed by `tweak`.
    pub fn start_with(tweak: impl FnOnce(&mut ServerConfig)) -> Self {
        let codes = Arc::new(CaptureSender::default());
        let mut config = ServerConfig::new(None, codes.clone());
        config.settings.otp_resend = std::time::Duration::ZERO;
        tweak(&mut config);
        let server = RunningServer::start(&config).unwrap();
        let db = &server.state().db;
        for (user, office, role) in [
            ("counter-hk", "vnp-hoan-kiem", StaffRole::Counter),
            ("field-hk", "vnp-hoan-kiem", StaffRole::Field),
            ("counter-cg", "vnp-cau-giay", StaffRole::Counter),
        ] {
            dvc_server::auth::staff::upsert_staff(db, user, STAFF_PASSWORD, office, role).unwrap();
        }
        Self { server, codes }
    }

    /// A new phone (core with in-memory storage) pointed at the server.
    pub fn phone(&self) -> Core {
        Core::open(
            CoreConfig::new("", self.server.url()),
            Arc::new(MemorySecureStore::default()),
        )
        .unwrap()
    }

    /// A phone with a citizen signed in by one-time code.
    pub async fn citizen(&self, phone_number: &str) -> Core {
        let core = self.phone();
        let sent = core
            .account()
            .request_code(phone_number.into())
            .await
            .unwrap();
        let code = self.codes.last_code(&sent.phone).unwrap();
        core.account()
            .sign_in_citizen(phone_number.into(), code)
            .await
            .unwrap();
        core
    }

    /// A phone with a staff member signed in.
    pub async fn staff(&self, user: &str) -> Core {
        let core = self.phone();
        core.account()
            .sign_in_staff(user.into(), STAFF_PASSWORD.into())
            .await
            .unwrap();
        core
    }
}
