//! Test harness: a reference server on a free loopback port, staff accounts
//! on it, and cores (phones) signed in against it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod field_load;
pub mod files;

use std::sync::Arc;

use dvc_core::api::model::StaffRole;
use dvc_core::platform::MemorySecureStore;
use dvc_core::{Core, CoreConfig};
use dvc_server::auth::otp::CaptureSender;
use dvc_server::{RunningServer, ServerConfig};

/// The instant every test world starts at: Wednesday 2 December 2026,
/// 08:30 in Hanoi (a working day, no holiday near). Servers and phones run
/// on from it, so no test depends on the day it runs.
pub fn world_start() -> chrono::DateTime<chrono::Utc> {
    "2026-12-02T01:30:00Z".parse().unwrap()
}

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
        // Every test phone shares 127.0.0.1: per-address limits are lifted
        // here; the abuse tests set them back.
        config.settings.rates = dvc_server::edge::RateSettings::one_address_many_clients();
        config.settings.edge.max_connections_per_address = config.settings.edge.max_connections;
        config.clock.set(world_start());
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

    /// Now, by the server's clock (which started at [`world_start`]).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.server.state().clock.now()
    }

    /// A new phone (core with in-memory storage) pointed at the server.
    pub fn phone(&self) -> Core {
        self.open_phone(
            CoreConfig::new("", self.server.url()),
            Arc::new(MemorySecureStore::default()),
        )
    }

    /// A phone opened with `config` and `store`, its clock set to the
    /// server's.
    pub fn open_phone(
        &self,
        config: CoreConfig,
        store: Arc<dyn dvc_core::platform::SecureStore>,
    ) -> Core {
        let core =
            Core::open_with_catalogue(config, store, dvc_core::catalogue::BUNDLED_JSON).unwrap();
        core.clock().set(self.now());
        core
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

    /// A bearer token for a new citizen `phone`, signed in over raw HTTP
    /// (for tests that fire many requests at once).
    pub async fn citizen_token(&self, phone: &str) -> String {
        let http = reqwest::Client::new();
        let url = self.server.url();
        http.post(format!("{url}/v1/auth/otp"))
            .json(&serde_json::json!({ "phone": phone }))
            .send()
            .await
            .unwrap();
        let code = self.codes.last_code(phone).unwrap();
        let grant: serde_json::Value = http
            .post(format!("{url}/v1/auth/citizen"))
            .json(&serde_json::json!({ "phone": phone, "code": code }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        grant["token"].as_str().unwrap().to_owned()
    }

    /// The first day (from tomorrow) on which `office` has bookable slots,
    /// and those slots, from the public slots route.
    pub async fn bookable_day(&self, office: &str) -> (String, Vec<serde_json::Value>) {
        let today = self.now().with_timezone(&dvc_core::time::VN).date_naive();
        for ahead in 1..13 {
            let day = (today + chrono::Duration::days(ahead))
                .format("%Y-%m-%d")
                .to_string();
            let slots: Vec<serde_json::Value> = reqwest::get(format!(
                "{}/v1/offices/{office}/slots?date={day}",
                self.server.url()
            ))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
            if !slots.is_empty() {
                return (day, slots);
            }
        }
        panic!("no bookable day in the next 12 days");
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

    /// A bearer token for staff member `user`, over raw HTTP.
    pub async fn staff_token(&self, user: &str) -> String {
        let grant: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/v1/auth/staff", self.server.url()))
            .json(&serde_json::json!({ "username": user, "password": STAFF_PASSWORD }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        grant["token"].as_str().unwrap().to_owned()
    }

    /// POSTs `body` to `path` as staff member `user` (the agency's side:
    /// status changes, hand-over to the post, pickups); returns the status
    /// and the JSON answer (`null` when empty).
    pub async fn agency(
        &self,
        user: &str,
        path: &str,
        body: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let token = self.staff_token(user).await;
        let resp = reqwest::Client::new()
            .post(format!("{}{path}", self.server.url()))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        let value = if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        (status, value)
    }

    /// A core on `dir` (a phone's files folder) pointed at `url` with
    /// `store`: open the same folder again to "restart the app", or with a
    /// dead URL to be offline.
    pub fn phone_at(
        &self,
        dir: &std::path::Path,
        url: &str,
        store: Arc<MemorySecureStore>,
    ) -> Core {
        let mut config = CoreConfig::new(dir.to_string_lossy(), url);
        config.request_timeout_ms = 2_000;
        self.open_phone(config, store)
    }
}

/// A base URL nothing listens on (an offline phone).
pub const OFFLINE_URL: &str = "http://127.0.0.1:9";

/// One raw HTTP answer: status, JSON body (`null` when empty or not
/// JSON) and the `Retry-After` header.
#[derive(Debug)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: serde_json::Value,
    /// `Retry-After`, in seconds.
    pub retry_after: Option<u64>,
    /// `Content-Type`.
    pub content_type: String,
}

/// Sends `method path` to `base` with an optional bearer token and JSON
/// body, over `http`.
pub async fn call(
    http: &reqwest::Client,
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = http.request(method, format!("{base}{path}"));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = resp.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    Answer {
        status,
        body,
        retry_after,
        content_type,
    }
}
