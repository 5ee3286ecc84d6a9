//! Sign-in under attack (replayed on loopback, bounded in time and count):
//! code guessing with fresh codes, SMS flooding, password guessing,
//! sessions after a reset or a disable, the session cap.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use dvc_e2e::{Answer, STAFF_PASSWORD, World, call};
use serde_json::json;

const VICTIM: &str = "0987654321";

/// Four attackers guess codes for one phone for 12 s while the server's
/// clock runs an hour (5 simulated minutes a second), asking for a fresh
/// code whenever they like. Counted: guesses the server actually checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn code_guessing_gets_at_most_a_few_checks_per_phone_per_hour_and_the_owner_gets_in_later() {
    let world = World::start();
    let url = world.server.url().to_owned();
    let clock = world.server.state().clock.clone();
    let stop = Arc::new(AtomicBool::new(false));
    let checked = Arc::new(AtomicU32::new(0));
    let sent = Arc::new(AtomicU32::new(0));
    let refused = Arc::new(AtomicU32::new(0));
    let mut attackers = Vec::new();
    for n in 0..4u32 {
        let (url, stop, checked, sent, refused) = (
            url.clone(),
            stop.clone(),
            checked.clone(),
            sent.clone(),
            refused.clone(),
        );
        attackers.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            let mut guess = n * 250_000;
            while !stop.load(Ordering::Relaxed) {
                let a = call(
                    &http,
                    &url,
                    "POST",
                    "/v1/auth/otp",
                    None,
                    Some(json!({"phone": VICTIM})),
                )
                .await;
                if a.status == 202 {
                    sent.fetch_add(1, Ordering::Relaxed);
                }
                for _ in 0..5 {
                    guess += 1;
                    let a = call(
                        &http,
                        &url,
                        "POST",
                        "/v1/auth/citizen",
                        None,
                        Some(json!({"phone": VICTIM, "code": format!("{:06}", guess % 1_000_000)})),
                    )
                    .await;
                    match a.status {
                        401 => {
                            checked.fetch_add(1, Ordering::Relaxed);
                        }
                        429 => {
                            assert!(a.retry_after.is_some());
                            assert_eq!(a.body["error"], "conflict");
                            refused.fetch_add(1, Ordering::Relaxed);
                        }
                        200 => panic!("a guess got in"),
                        other => panic!("unexpected {other}: {}", a.body),
                    }
                }
            }
        }));
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(12) {
        tokio::time::sleep(Duration::from_millis(200)).await;
        clock.advance(Duration::from_secs(60)); // 5 simulated minutes a second
    }
    stop.store(true, Ordering::Relaxed);
    for a in attackers {
        a.await.unwrap();
    }
    let checked = checked.load(Ordering::Relaxed);
    let refused = refused.load(Ordering::Relaxed);
    eprintln!(
        "attack over one simulated hour: {checked} guesses checked, {refused} refused, {} codes sent",
        sent.load(Ordering::Relaxed)
    );
    // 5 wrong codes, 15 min locked, 5 more, 30 min locked, 5 more: 15.
    assert!(checked <= 20, "{checked} guesses checked in an hour");
    assert!(checked >= 5, "the attack did not run: {checked}");
    assert!(refused > 100, "{refused}");
    assert!(
        sent.load(Ordering::Relaxed) <= 10,
        "SMS sent: {}",
        sent.load(Ordering::Relaxed)
    );

    // The owner, a day later, signs in normally.
    clock.advance(Duration::from_secs(24 * 3600));
    let http = reqwest::Client::new();
    let a = call(
        &http,
        &url,
        "POST",
        "/v1/auth/otp",
        None,
        Some(json!({"phone": VICTIM})),
    )
    .await;
    assert_eq!(a.status, 202, "{:?}", a.body);
    let code = world.codes.last_code(VICTIM).unwrap();
    let a = call(
        &http,
        &url,
        "POST",
        "/v1/auth/citizen",
        None,
        Some(json!({"phone": VICTIM, "code": code})),
    )
    .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
}

#[tokio::test]
async fn a_new_code_does_not_lift_a_lockout_and_a_phone_gets_ten_codes_a_day() {
    let world = World::start();
    let url = world.server.url();
    let http = reqwest::Client::new();
    for _ in 0..5 {
        let a = call(
            &http,
            url,
            "POST",
            "/v1/auth/citizen",
            None,
            Some(json!({"phone": VICTIM, "code": "000000"})),
        )
        .await;
        assert!(matches!(a.status, 401 | 429), "{a:?}");
    }
    // Locked: a fresh code is neither sent nor checked, even the right one.
    let a = call(
        &http,
        url,
        "POST",
        "/v1/auth/otp",
        None,
        Some(json!({"phone": VICTIM})),
    )
    .await;
    assert_eq!(
        (a.status, a.body["reason"].as_str()),
        (429, Some("locked")),
        "{a:?}"
    );
    world
        .server
        .state()
        .clock
        .advance(Duration::from_secs(16 * 60));
    let mut sent = 0;
    for _ in 0..12 {
        let a = call(
            &http,
            url,
            "POST",
            "/v1/auth/otp",
            None,
            Some(json!({"phone": VICTIM})),
        )
        .await;
        match a.status {
            202 => sent += 1,
            429 => {
                assert_eq!(a.body["reason"], "daily_code_limit");
                assert!(a.retry_after.unwrap() <= 24 * 3600);
            }
            s => panic!("{s}: {}", a.body),
        }
    }
    assert_eq!(sent, 10);
}

#[tokio::test]
async fn per_address_and_global_limits_answer_429_with_retry_after() {
    let world = World::start_with(|c| {
        c.settings.rates = dvc_server::edge::RateSettings::default();
    });
    let url = world.server.url();
    let http = reqwest::Client::new();
    let mut limited: Option<Answer> = None;
    for i in 0..40 {
        let a = call(
            &http,
            url,
            "POST",
            "/v1/auth/otp",
            None,
            Some(json!({"phone": format!("09120000{i:02}")})),
        )
        .await;
        if a.status == 429 {
            limited = Some(a);
            break;
        }
        assert_eq!(a.status, 202, "{a:?}");
    }
    let a = limited.expect("no limit after 40 code requests from one address");
    assert_eq!(a.body["reason"], "rate_limited");
    assert!(a.retry_after.unwrap() <= 60);
    assert!(a.body["vi"].as_str().unwrap().contains("quá nhiều"));
}

async fn staff_sign_in(url: &str, user: &str, password: &str) -> Answer {
    call(
        &reqwest::Client::new(),
        url,
        "POST",
        "/v1/auth/staff",
        None,
        Some(json!({"username": user, "password": password})),
    )
    .await
}

#[tokio::test]
async fn password_guessing_locks_the_account_even_against_the_right_password() {
    let world = World::start();
    let url = world.server.url();
    let mut statuses = Vec::new();
    for i in 0..12 {
        statuses.push(
            staff_sign_in(url, "field-hk", &format!("guess-{i:04}-xx"))
                .await
                .status,
        );
    }
    assert_eq!(&statuses[..4], &[401; 4]);
    assert!(statuses[4..].iter().all(|s| *s == 429), "{statuses:?}");
    let locked = staff_sign_in(url, "field-hk", STAFF_PASSWORD).await;
    assert_eq!(
        (locked.status, locked.body["reason"].as_str()),
        (429, Some("locked"))
    );
    world
        .server
        .state()
        .clock
        .advance(Duration::from_secs(2 * 60));
    assert_eq!(
        staff_sign_in(url, "field-hk", STAFF_PASSWORD).await.status,
        200
    );
}

#[tokio::test]
async fn a_password_reset_or_a_disable_ends_sessions_and_sessions_are_capped() {
    let world = World::start();
    let url = world.server.url();
    let http = reqwest::Client::new();
    let db = &world.server.state().db;
    let me = |t: String| {
        let http = http.clone();
        async move {
            call(&http, url, "GET", "/v1/me", Some(&t), None)
                .await
                .status
        }
    };
    let before = world.staff_token("counter-hk").await;
    assert_eq!(me(before.clone()).await, 200);
    dvc_server::auth::staff::upsert_staff(
        db,
        "counter-hk",
        "a-new-password-1",
        "vnp-hoan-kiem",
        dvc_core::api::model::StaffRole::Counter,
    )
    .unwrap();
    assert_eq!(me(before).await, 401, "a token survived the reset");
    let after = staff_sign_in(url, "counter-hk", "a-new-password-1").await;
    let token = after.body["token"].as_str().unwrap().to_owned();
    assert_eq!(
        dvc_server::auth::staff::disable(db, "counter-hk").unwrap(),
        1
    );
    assert_eq!(me(token).await, 401, "a token survived the disable");
    let refused = staff_sign_in(url, "counter-hk", "a-new-password-1").await;
    assert_eq!(refused.status, 403, "{refused:?}");

    // Six sign-ins keep the newest five sessions.
    let mut tokens = Vec::new();
    for _ in 0..6 {
        tokens.push(world.staff_token("field-hk").await);
    }
    assert_eq!(me(tokens[0].clone()).await, 401);
    for t in &tokens[1..] {
        assert_eq!(me(t.clone()).await, 200);
    }
}

#[tokio::test]
async fn signing_out_a_dead_token_is_401() {
    let world = World::start();
    let a = call(
        &reqwest::Client::new(),
        world.server.url(),
        "POST",
        "/v1/auth/logout",
        Some("bogus"),
        None,
    )
    .await;
    assert_eq!(a.status, 401);
    assert_eq!(a.body["error"], "unauthorised");
}
