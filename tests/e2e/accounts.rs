//! Signing in and out against the reference server, and typed errors.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use dvc_core::ErrorKind;
use dvc_core::api::model::{AccountKind, StaffRole};
use dvc_e2e::{STAFF_PASSWORD, World};

#[tokio::test]
async fn citizen_signs_in_with_a_one_time_code_and_the_session_survives_offline_reads() {
    let world = World::start();
    let core = world.phone();
    assert!(core.account().session().unwrap().is_none());
    let sent = core
        .account()
        .request_code("+84 912 345 678".into())
        .await
        .unwrap();
    assert_eq!(sent.phone, "0912345678");
    let code = world.codes.last_code("0912345678").unwrap();
    let session = core
        .account()
        .sign_in_citizen("0912345678".into(), code)
        .await
        .unwrap();
    assert_eq!(session.principal.kind, AccountKind::Citizen);
    assert_eq!(session.principal.phone.as_deref(), Some("0912345678"));
    assert!(session.expires_at > world.now() + chrono::Duration::days(29));
    assert_eq!(core.account().session().unwrap(), Some(session.clone()));
    let me = core.account().whoami().await.unwrap();
    assert_eq!(me, session.principal);
}

#[tokio::test]
async fn a_wrong_code_is_unauthorised_and_a_used_code_cannot_be_replayed() {
    let world = World::start();
    let core = world.phone();
    core.account()
        .request_code("0912345678".into())
        .await
        .unwrap();
    let code = world.codes.last_code("0912345678").unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = core
        .account()
        .sign_in_citizen("0912345678".into(), wrong.into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorised);
    assert!(err.vi().contains("Mã xác thực"), "{}", err.vi());
    core.account()
        .sign_in_citizen("0912345678".into(), code.clone())
        .await
        .unwrap();
    let other = world.phone();
    let err = other
        .account()
        .sign_in_citizen("0912345678".into(), code)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorised);
}

#[tokio::test]
async fn bad_input_is_invalid_data_naming_the_field_before_any_request() {
    let world = World::start();
    let core = world.phone();
    let err = core
        .account()
        .request_code("12345".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert_eq!(err.field(), Some("phone"));
    let err = core
        .account()
        .sign_in_citizen("0912345678".into(), "12".into())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("code"));
}

#[tokio::test]
async fn staff_sign_in_with_password_carries_role_and_office() {
    let world = World::start();
    let core = world.phone();
    let session = core
        .account()
        .sign_in_staff("field-hk".into(), STAFF_PASSWORD.into())
        .await
        .unwrap();
    assert_eq!(session.principal.kind, AccountKind::Staff);
    assert_eq!(session.principal.staff_role, Some(StaffRole::Field));
    assert_eq!(
        session.principal.office_id.as_deref(),
        Some("vnp-hoan-kiem")
    );
    assert!(session.expires_at < world.now() + chrono::Duration::hours(13));
    let err = world
        .phone()
        .account()
        .sign_in_staff("field-hk".into(), "wrong-password".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorised);
    let err = world
        .phone()
        .account()
        .sign_in_staff("nobody".into(), STAFF_PASSWORD.into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorised);
}

#[tokio::test]
async fn signing_out_ends_the_token_on_the_server() {
    let world = World::start();
    let core = world.citizen("0912345678").await;
    core.account().whoami().await.unwrap();
    core.account().sign_out().await.unwrap();
    assert!(core.account().session().unwrap().is_none());
    let err = core.account().whoami().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorised);
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let world =
        World::start_with(|c| c.settings.staff_token_ttl = std::time::Duration::from_secs(1));
    let core = world.staff("counter-hk").await;
    core.account().whoami().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    // The phone forgets an expired session on its own...
    assert!(core.account().session().unwrap().is_none());
    // ...and the server refuses the token too.
    let url = format!("{}/v1/me", world.server.url());
    let status = reqwest::Client::new()
        .get(url)
        .bearer_auth("made-up")
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_server_that_is_not_there_is_offline() {
    let world = World::start();
    let url = world.server.url().to_owned();
    drop(world);
    let core = dvc_core::Core::open_with_catalogue(
        dvc_core::CoreConfig {
            request_timeout_ms: 2000,
            ..dvc_core::CoreConfig::new("", url)
        },
        std::sync::Arc::new(dvc_core::platform::MemorySecureStore::default()),
        dvc_core::catalogue::BUNDLED_JSON,
    )
    .unwrap();
    let err = core.offices().list().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Offline);
    assert!(err.vi().contains("Không kết nối được"));
}

/// A secure store as slow as a struggling Keychain: 500 ms a call.
#[derive(Default)]
struct SlowStore(dvc_core::platform::MemorySecureStore);

impl dvc_core::platform::SecureStore for SlowStore {
    fn load(&self, key: String) -> dvc_core::CoreResult<Option<String>> {
        std::thread::sleep(std::time::Duration::from_millis(500));
        self.0.load(key)
    }
    fn save(&self, key: String, value: String) -> dvc_core::CoreResult<()> {
        std::thread::sleep(std::time::Duration::from_millis(500));
        self.0.save(key, value)
    }
    fn delete(&self, key: String) -> dvc_core::CoreResult<()> {
        std::thread::sleep(std::time::Duration::from_millis(500));
        self.0.delete(key)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_secure_store_does_not_hold_up_other_calls() {
    use std::time::{Duration, Instant};
    let world = World::start();
    let core = world.open_phone(
        dvc_core::CoreConfig::new("", world.server.url()),
        std::sync::Arc::new(SlowStore::default()),
    );
    core.offices().list().await.unwrap(); // warm: connection and cache
    let start = Instant::now();
    let account = core.account();
    let signing_in = account.sign_in_staff("counter-hk".into(), dvc_e2e::STAFF_PASSWORD.into());
    let other = async {
        // Let the sign-in reach its secure-store write first.
        tokio::time::sleep(Duration::from_millis(150)).await;
        let asked = Instant::now();
        core.offices().list().await.unwrap();
        asked.elapsed()
    };
    let (signed, other_took) = tokio::join!(signing_in, other);
    signed.unwrap();
    assert!(
        start.elapsed() >= Duration::from_millis(500),
        "the store was slow"
    );
    assert!(
        other_took < Duration::from_millis(250),
        "another call waited {other_took:?} behind the secure store"
    );
    // The session is then read from memory, not from the slow store.
    let read = Instant::now();
    assert!(core.account().session().unwrap().is_some());
    assert!(read.elapsed() < Duration::from_millis(100));
}

/// Dropping a call (a cancelled Kotlin coroutine, a caller's timeout)
/// aborts its task: the HTTP request under way is closed at once, not left
/// to run to the 20 s request timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_call_closes_its_request_at_once() {
    use std::io::Read;
    use std::time::{Duration, Instant};
    // A server that takes the request and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let closed = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut buf = [0u8; 4096];
        loop {
            match socket.read(&mut buf) {
                Ok(0) => return Some(Instant::now()),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
    });
    let core = dvc_core::Core::open_with_catalogue(
        dvc_core::CoreConfig {
            request_timeout_ms: 20_000,
            ..dvc_core::CoreConfig::new("", url)
        },
        std::sync::Arc::new(dvc_core::platform::MemorySecureStore::default()),
        dvc_core::catalogue::BUNDLED_JSON,
    )
    .unwrap();
    let offices = core.offices();
    let waited = tokio::time::timeout(Duration::from_millis(500), offices.list()).await;
    assert!(waited.is_err(), "the server never answers: {waited:?}");
    let dropped = Instant::now();
    let closed = tokio::task::spawn_blocking(move || closed.join().unwrap())
        .await
        .unwrap()
        .expect("the request was still open 10 s later");
    assert!(
        closed.saturating_duration_since(dropped) < Duration::from_secs(2),
        "closed {:?} after the drop",
        closed.saturating_duration_since(dropped)
    );
}
