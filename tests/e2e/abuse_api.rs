//! The API under attack (replayed on loopback, bounded): roles, filing
//! floods and invented codes, field sync tampering, public track
//! guessing, QR codes of ended dossiers, hostile text and extreme dates.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use dvc_core::field::chain::{self, GENESIS};
use dvc_e2e::{Answer, World, call};
use serde_json::{Value, json};

struct Api {
    http: reqwest::Client,
    url: String,
}

impl Api {
    fn new(world: &World) -> Self {
        Self {
            http: reqwest::Client::new(),
            url: world.server.url().to_owned(),
        }
    }

    async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        call(&self.http, &self.url, "POST", path, token, Some(body)).await
    }

    async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        call(&self.http, &self.url, "GET", path, token, None).await
    }
}

/// Files a home-delivery dossier for `token`; returns (code, track check).
async fn file(api: &Api, token: &str) -> (String, String) {
    let a = api
        .post(
            "/v1/dossiers",
            Some(token),
            json!({"procedure_code": "1.001193", "office_id": "vnp-hoan-kiem",
                   "documents": ["declaration_form"],
                   "delivery": {"kind": "home", "address": "12 Tràng Tiền"}}),
        )
        .await;
    assert_eq!(a.status, 201, "{:?}", a.body);
    (
        a.body["code"].as_str().unwrap().to_owned(),
        a.body["track_check"].as_str().unwrap().to_owned(),
    )
}

/// Moves `code` to processed and hands it to field-hk; returns the S10.
async fn dispatch(api: &Api, counter: &str, code: &str) -> String {
    for status in [2, 4, 9] {
        let a = api
            .post(
                &format!("/v1/staff/dossiers/{code}/status"),
                Some(counter),
                json!({"status_code": status}),
            )
            .await;
        assert_eq!(a.status, 200, "{:?}", a.body);
    }
    let a = api
        .post(
            &format!("/v1/staff/dossiers/{code}/dispatch"),
            Some(counter),
            json!({"assignee": "field-hk", "latitude": 21.02, "longitude": 105.85,
                   "contact_name": "An", "contact_phone": "0912345678", "beneficiary": "merit"}),
        )
        .await;
    assert_eq!(a.status, 201, "{:?}", a.body);
    a.body["s10"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn every_staff_route_answers_only_its_role() {
    let world = World::start();
    let api = Api::new(&world);
    let citizen = world.citizen_token("0911000001").await;
    let counter = world.staff_token("counter-hk").await;
    let field = world.staff_token("field-hk").await;
    let (code, _) = file(&api, &citizen).await;
    let pickup = json!({"assignee": "field-hk", "beneficiary": "none", "contact_name": "An",
        "contact_phone": "0912345678", "address": "1 Hàng Bài", "latitude": 21.0, "longitude": 105.8,
        "window_start": "2026-12-02T01:00:00Z", "window_end": "2026-12-02T03:00:00Z"});
    let routes: Vec<(&str, String, Option<Value>, &[&str])> = vec![
        (
            "POST",
            format!("/v1/staff/dossiers/{code}/status"),
            Some(json!({"status_code": 2})),
            &["counter"],
        ),
        (
            "POST",
            format!("/v1/staff/dossiers/{code}/dispatch"),
            Some(
                json!({"assignee": "field-hk", "latitude": 21.0, "longitude": 105.8, "contact_name": "An", "contact_phone": "0912345678", "beneficiary": "none"}),
            ),
            &["counter"],
        ),
        (
            "POST",
            "/v1/staff/items/RR000000015VN/scan".into(),
            Some(json!({"step": "in_transit"})),
            &["counter"],
        ),
        (
            "POST",
            "/v1/staff/visits".into(),
            Some(pickup),
            &["counter"],
        ),
        ("GET", "/v1/staff/worklist".into(), None, &["field"]),
        (
            "POST",
            "/v1/staff/actions".into(),
            Some(json!({"device_id": "role-walk", "entries": []})),
            &["field"],
        ),
        ("GET", "/v1/dossiers".into(), None, &["citizen", "counter"]),
        (
            "GET",
            format!("/v1/dossiers/{code}"),
            None,
            &["citizen", "counter"],
        ),
        ("GET", "/v1/bookings".into(), None, &["citizen", "counter"]),
    ];
    for (method, path, body, allowed) in &routes {
        for (role, token) in [
            ("citizen", &citizen),
            ("counter", &counter),
            ("field", &field),
        ] {
            let a = call(&api.http, &api.url, method, path, Some(token), body.clone()).await;
            if allowed.contains(&role) {
                assert!(
                    a.status != 403 && a.status != 401,
                    "{role} refused on {method} {path}: {:?}",
                    a.body
                );
            } else {
                assert_eq!(
                    a.status, 403,
                    "{role} allowed on {method} {path}: {:?}",
                    a.body
                );
                assert_eq!(a.body["error"], "unauthorised");
            }
        }
        let anonymous = call(&api.http, &api.url, method, path, None, body.clone()).await;
        assert_eq!(anonymous.status, 401, "{method} {path}");
    }
}

#[tokio::test]
async fn one_citizen_cannot_flood_filing_nor_book_invented_procedures() {
    let world = World::start();
    let api = Api::new(&world);
    let flooder = world.citizen_token("0911000002").await;
    let mut refused = None;
    for _ in 0..15 {
        let a = api
            .post(
                "/v1/dossiers",
                Some(&flooder),
                json!({"procedure_code": "1.001193", "office_id": "vnp-hoan-kiem"}),
            )
            .await;
        if a.status != 201 {
            refused = Some(a);
            break;
        }
    }
    let a = refused.expect("15 dossiers in a day were accepted");
    assert_eq!(
        (a.status, a.body["reason"].as_str()),
        (409, Some("daily_dossier_limit")),
        "{:?}",
        a.body
    );
    // Everyone else still files.
    let other = world.citizen_token("0911000003").await;
    file(&api, &other).await;
    // Answers to questions the procedure does not ask are refused.
    let a = api
        .post(
            "/v1/dossiers",
            Some(&other),
            json!({"procedure_code": "1.001193", "office_id": "vnp-hoan-kiem",
            "profile": {"applicant": "self", "beneficiary": "none", "channel": "counter",
                        "answers": [{"question": "x".repeat(500), "value": true}]}}),
        )
        .await;
    assert_eq!(
        (a.status, a.body["reason"].as_str()),
        (409, Some("unknown_question")),
        "{:?}",
        a.body
    );
    // A body over the limit (64 KiB here, ~100 KB sent) never reaches the handler.
    let huge = json!({"procedure_code": "1.001193", "office_id": "vnp-hoan-kiem",
        "documents": vec!["declaration_form"; 5_000]});
    // The client reads its 413 every time: the rest of the body is read
    // and dropped, not left for the client's kernel to reset on.
    for _ in 0..40 {
        let a = api.post("/v1/dossiers", Some(&other), huge.clone()).await;
        assert_eq!(a.status, 413);
        assert!(a.content_type.starts_with("application/json"));
    }
    // Lists come in pages.
    let a = api.get("/v1/dossiers?limit=3", Some(&flooder)).await;
    assert_eq!(a.body.as_array().unwrap().len(), 3);

    // Invented procedure codes take no place.
    let (day, slots) = world.bookable_day("vnp-hoan-kiem").await;
    let start = slots[0]["start"].as_str().unwrap();
    for bad in ["' OR '1'='1", "fake-0", "9.999999"] {
        let a = api
            .post(
                "/v1/bookings",
                Some(&other),
                json!({"office_id": "vnp-hoan-kiem", "slot_start": start, "procedure_code": bad}),
            )
            .await;
        assert_eq!(
            (a.status, a.body["reason"].as_str()),
            (409, Some("unknown_procedure")),
            "{bad}: {:?}",
            a.body
        );
    }
    // A booking for another procedure cannot carry a filing.
    let b = api
        .post("/v1/bookings", Some(&other), json!({"office_id": "vnp-hoan-kiem", "slot_start": start, "procedure_code": "1.000894"}))
        .await;
    assert_eq!(b.status, 201, "{:?}", b.body);
    let a = api
        .post("/v1/dossiers", Some(&other), json!({"procedure_code": "1.001193", "office_id": "vnp-hoan-kiem", "booking_id": b.body["id"]}))
        .await;
    assert_eq!(
        (a.status, a.body["reason"].as_str()),
        (409, Some("booking_mismatch")),
        "{:?}",
        a.body
    );

    // Seven accounts cannot take every place of an office's day.
    let mut taken = 0;
    for n in 0..7 {
        let t = world.citizen_token(&format!("09120001{n:02}")).await;
        for s in &slots {
            for code in ["1.001193", "1.000894", "1.000656", "2.000986"] {
                let a = api
                    .post("/v1/bookings", Some(&t), json!({"office_id": "vnp-hoan-kiem", "slot_start": s["start"], "procedure_code": code}))
                    .await;
                if a.status == 201 {
                    taken += 1;
                }
            }
        }
    }
    let left: Vec<Value> = reqwest::get(format!(
        "{}/v1/offices/vnp-hoan-kiem/slots?date={day}",
        api.url
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let free: u64 = left.iter().map(|s| s["free"].as_u64().unwrap()).sum();
    assert!(free > 0, "7 accounts took all {taken} places of {day}");
    assert!(taken <= 7, "{taken} places for 7 accounts");
}

fn entry(device: &str, seq: u64, prev: &str, key: &str, payload: &Value) -> (Value, String) {
    let text = payload.to_string();
    let link = chain::link(device, seq, prev, text.as_bytes());
    (
        json!({"key": key, "seq": seq, "prev_hash": link.prev_hash, "hash": link.hash, "payload": text}),
        link.hash,
    )
}

#[tokio::test]
async fn field_sync_refuses_borrowed_devices_tampered_chains_and_empty_evidence() {
    let world = World::start();
    let db = &world.server.state().db;
    dvc_server::auth::staff::upsert_staff(
        db,
        "field-hk2",
        dvc_e2e::STAFF_PASSWORD,
        "vnp-hoan-kiem",
        dvc_core::api::model::StaffRole::Field,
    )
    .unwrap();
    let api = Api::new(&world);
    let citizen = world.citizen_token("0911000004").await;
    let counter = world.staff_token("counter-hk").await;
    let field = world.staff_token("field-hk").await;
    let other = world.staff_token("field-hk2").await;
    let (code, _) = file(&api, &citizen).await;
    let s10 = dispatch(&api, &counter, &code).await;
    let list = api.get("/v1/staff/worklist", Some(&field)).await;
    let visit = list.body["visits"][0]["id"].as_str().unwrap().to_owned();
    let now = world.now();
    let fail = |at: chrono::DateTime<chrono::Utc>| json!({"at": at, "action": {"kind": "fail", "visit_id": visit, "reason": "not_home"}});

    // The owner's device sends entry 1.
    let (e1, h1) = entry("phone-a", 1, GENESIS, "k1", &fail(now));
    let a = api
        .post(
            "/v1/staff/actions",
            Some(&field),
            json!({"device_id": "phone-a", "entries": [e1]}),
        )
        .await;
    assert_eq!(a.body["acks"][0]["outcome"], "applied", "{:?}", a.body);
    // Another staff member cannot send under that device.
    let (fake, _) = entry("phone-a", 2, &h1, "k2", &fail(now));
    let a = api
        .post(
            "/v1/staff/actions",
            Some(&other),
            json!({"device_id": "phone-a", "entries": [fake]}),
        )
        .await;
    assert_eq!(
        (a.status, a.body["reason"].as_str()),
        (409, Some("device_enrolled")),
        "{:?}",
        a.body
    );
    // ... so the owner's next entry is not a "replay".
    let (e2, h2) = entry("phone-a", 2, &h1, "k2", &fail(now));
    let a = api
        .post(
            "/v1/staff/actions",
            Some(&field),
            json!({"device_id": "phone-a", "entries": [e2]}),
        )
        .await;
    assert_eq!(a.body["acks"][0]["outcome"], "applied", "{:?}", a.body);
    assert!(a.body["breaks"].as_array().unwrap().is_empty());
    // Keys are the sender's own: another account's "k1" is not a duplicate.
    let (o1, _) = entry("phone-b", 1, GENESIS, "k1", &fail(now));
    let a = api
        .post(
            "/v1/staff/actions",
            Some(&other),
            json!({"device_id": "phone-b", "entries": [o1]}),
        )
        .await;
    assert_eq!(a.body["acks"][0]["outcome"], "rejected", "{:?}", a.body);
    assert_eq!(a.body["acks"][0]["reason"], "not_assigned");
    // A wrong hash is reported and quarantined, not applied.
    let (mut bad, _) = entry("phone-a", 3, &h2, "k3", &fail(now));
    bad["hash"] = json!("f".repeat(64));
    let a = api
        .post(
            "/v1/staff/actions",
            Some(&field),
            json!({"device_id": "phone-a", "entries": [bad]}),
        )
        .await;
    assert_eq!(a.body["acks"][0]["outcome"], "quarantined", "{:?}", a.body);
    assert!(!a.body["breaks"].as_array().unwrap().is_empty());
    // A fresh device id of the same account is reported, not silent.
    let (n1, nh1) = entry("phone-c", 1, GENESIS, "n1", &fail(now));
    let a = api
        .post(
            "/v1/staff/actions",
            Some(&field),
            json!({"device_id": "phone-c", "entries": [n1]}),
        )
        .await;
    assert_eq!(a.body["breaks"][0]["kind"], "new_device", "{:?}", a.body);
    // Evidence is checked on the server.
    let deliver = |identity: bool, name: &str, sig: &str| {
        json!({"at": now, "action": {"kind": "deliver", "visit_id": visit,
        "s10": s10, "recipient_name": name, "identity_checked": identity, "signature_sha256": sig}})
    };
    let mut prev = nh1;
    for (seq, (body, reason)) in [
        (deliver(false, "An", &"a".repeat(64)), "identity_not_checked"),
        (deliver(true, " ", &"a".repeat(64)), "no_recipient"),
        (deliver(true, "An", "not-a-hash"), "bad_evidence_hash"),
        // A well-formed hash of a signature never uploaded.
        (deliver(true, "An", &"a".repeat(64)), "file_missing"),
        (fail(now - chrono::Duration::days(3)), "time_before_visit"),
        (fail(now + chrono::Duration::days(3)), "time_in_future"),
        (json!({"at": now, "action": {"kind": "fail", "visit_id": visit, "reason": "not_home", "note": "\u{1b}[2J"}}), "unsafe_text"),
    ]
    .into_iter()
    .enumerate()
    {
        let (e, h) = entry("phone-c", seq as u64 + 2, &prev, &format!("n{}", seq + 2), &body);
        prev = h;
        let a = api.post("/v1/staff/actions", Some(&field), json!({"device_id": "phone-c", "entries": [e]})).await;
        assert_eq!(a.body["acks"][0]["outcome"], "rejected", "{reason}: {:?}", a.body);
        assert_eq!(a.body["acks"][0]["reason"], reason);
    }
    let track = api.get(&format!("/v1/track/{s10}"), None).await;
    assert_eq!(
        track.body["postal_step"], "delivery_failed",
        "{:?}",
        track.body
    );
}

#[tokio::test]
async fn sixty_guessed_codes_reveal_nothing_and_an_item_number_shows_postal_steps_only() {
    let world = World::start();
    let api = Api::new(&world);
    let citizen = world.citizen_token("0911000005").await;
    let counter = world.staff_token("counter-hk").await;
    let (code, check) = file(&api, &citizen).await;
    let note = api
        .post(&format!("/v1/staff/dossiers/{code}/status"), Some(&counter),
              json!({"status_code": 2, "note_vi": "Nguyễn Văn A, CCCD 001099012345, 0912345678", "reason": "needs_supplement"}))
        .await;
    assert_eq!(note.status, 200, "{:?}", note.body);
    let prefix = &code[..code.len() - 4];
    let mut revealed = 0;
    for n in 1..=60 {
        let a = api.get(&format!("/v1/track/{prefix}{n:04}"), None).await;
        if a.status == 200 {
            revealed += 1;
        }
        assert!(matches!(a.status, 404 | 429), "{:?}", a.body);
    }
    assert_eq!(revealed, 0);
    let wrong = api
        .get(&format!("/v1/track/{code}?check=000000"), None)
        .await;
    assert!(matches!(wrong.status, 404 | 429));
    let full = api
        .get(&format!("/v1/track/{code}?check={check}"), None)
        .await;
    assert_eq!(full.status, 200, "{:?}", full.body);
    let text = full.body.to_string();
    assert!(
        !text.contains("001099012345") && !text.contains("Nguyễn Văn A"),
        "{text}"
    );
    assert!(text.contains("cần bổ sung"), "{text}");
    assert_eq!(full.body["dossier_id"], code.as_str());
    let own = api.get(&format!("/v1/track/{code}"), Some(&citizen)).await;
    assert_eq!(own.status, 200);
    // The S10 alone: postal steps, no dossier code, no status events.
    let s10 = dispatch(&api, &counter, &code).await;
    let postal = api.get(&format!("/v1/track/{s10}"), None).await;
    assert_eq!(postal.status, 200, "{:?}", postal.body);
    assert!(postal.body["dossier_code"].is_null());
    assert_eq!(postal.body["dossier_id"], s10.as_str());
    assert!(
        postal.body["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] != "status")
    );
    assert_eq!(
        postal.body["status_code"], 0,
        "the status is not shown by item number"
    );
}

#[tokio::test]
async fn guessing_a_receipt_check_stops_after_ten_wrong_tries_even_for_the_right_one() {
    let world = World::start_with(|c| {
        c.settings.rates = dvc_server::edge::RateSettings {
            // Only the per-dossier rule is under test here.
            track_misses_per_address: 1_000,
            ..dvc_server::edge::RateSettings::one_address_many_clients()
        };
    });
    let api = Api::new(&world);
    let citizen = world.citizen_token("0911000009").await;
    let (code, check) = file(&api, &citizen).await;
    let wrong = if check == "000000" {
        "000001"
    } else {
        "000000"
    };
    for _ in 0..10 {
        let a = api
            .get(&format!("/v1/track/{code}?check={wrong}"), None)
            .await;
        assert_eq!(a.status, 404);
    }
    let a = api
        .get(&format!("/v1/track/{code}?check={check}"), None)
        .await;
    assert_eq!(
        a.status, 429,
        "the right check after ten wrong ones: {:?}",
        a.body
    );
    // The owner's own token still opens it.
    assert_eq!(
        api.get(&format!("/v1/track/{code}"), Some(&citizen))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_right_guess_after_the_address_miss_limit_is_not_told_apart() {
    let world = World::start_with(|c| c.settings.rates = dvc_server::edge::RateSettings::default());
    let api = Api::new(&world);
    let citizen = world.citizen_token("0911000010").await;
    let (code, check) = file(&api, &citizen).await;
    for n in 1..=20 {
        let a = api
            .get(&format!("/v1/track/000.00.01.H26-261201-9{n:03}"), None)
            .await;
        assert_eq!(a.status, 404);
    }
    let a = api
        .get(&format!("/v1/track/{code}?check={check}"), None)
        .await;
    assert_eq!(a.status, 429, "{:?}", a.body);
}

#[tokio::test]
async fn error_texts_never_echo_hostile_characters_and_oversized_bodies_are_refused_at_once() {
    let world = World::start();
    let api = Api::new(&world);
    let a = api
        .get(
            "/v1/offices/%E2%80%AEevil%1B%5B2J/slots?date=2026-12-02",
            None,
        )
        .await;
    assert!(a.status == 404 || a.status == 422, "{:?}", a.body);
    let text = a.body.to_string();
    assert!(
        !text.contains('\u{202E}') && !text.contains('\u{1b}'),
        "{text}"
    );
    // A body declared at 100 MB is refused before it is sent or read.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = api.url.trim_start_matches("http://").to_owned();
    let start = std::time::Instant::now();
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"POST /v1/auth/otp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 64];
    let n = tokio::time::timeout(std::time::Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("no answer within 5 s")
        .unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 413"));
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

#[tokio::test]
async fn misses_on_the_public_track_are_rate_limited() {
    let world = World::start_with(|c| c.settings.rates = dvc_server::edge::RateSettings::default());
    let api = Api::new(&world);
    let mut statuses = Vec::new();
    for n in 1..=30 {
        statuses.push(
            api.get(&format!("/v1/track/000.00.01.H26-261201-{n:04}"), None)
                .await
                .status,
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 404 || *s == 429));
}

#[tokio::test]
async fn a_dossier_that_ends_has_its_codes_revoked() {
    let world = World::start();
    let api = Api::new(&world);
    let citizen = world.citizen_token("0911000006").await;
    let counter = world.staff_token("counter-hk").await;
    for status in [3, 8] {
        let (code, _) = file(&api, &citizen).await;
        if status == 8 {
            for s in [2, 4] {
                api.post(
                    &format!("/v1/staff/dossiers/{code}/status"),
                    Some(&counter),
                    json!({"status_code": s}),
                )
                .await;
            }
        }
        let a = api
            .post(
                &format!("/v1/staff/dossiers/{code}/status"),
                Some(&counter),
                json!({"status_code": status}),
            )
            .await;
        assert_eq!(a.status, 200, "{status}: {:?}", a.body);
        let keys = api.get("/v1/keys", None).await;
        let revoked = keys.body["revocations"].as_array().unwrap();
        assert!(
            revoked.iter().any(|r| r["dossier_code"] == code.as_str()),
            "{status}: {:?}",
            keys.body
        );
    }
}

#[tokio::test]
async fn extreme_dates_and_control_characters_are_refused_on_every_route_that_takes_them() {
    let world = World::start();
    let api = Api::new(&world);
    let citizen = world.citizen_token("0911000007").await;
    let counter = world.staff_token("counter-hk").await;
    let field = world.staff_token("field-hk").await;
    for (n, bad) in [
        "+262142-12-31T23:59:59Z",
        "-262143-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        " +262142-12-31T23:59:59Z",
        "\t-262143-01-01T00:00:00Z",
    ]
    .into_iter()
    .enumerate()
    {
        let sent: Vec<(&str, String, Option<&str>, Value)> = vec![
            (
                "POST",
                "/v1/bookings".into(),
                Some(&citizen),
                json!({"office_id": "vnp-hoan-kiem", "slot_start": bad, "procedure_code": "1.001193"}),
            ),
            (
                "POST",
                "/v1/bookings/x/reschedule".into(),
                Some(&citizen),
                json!({"slot_start": bad}),
            ),
            (
                "POST",
                "/v1/staff/visits".into(),
                Some(&counter),
                json!({"assignee": "field-hk", "beneficiary": "none", "contact_name": "An", "contact_phone": "0912345678", "address": "1 Hàng Bài", "latitude": 21.0, "longitude": 105.8, "window_start": "2026-12-02T01:00:00Z", "window_end": bad}),
            ),
            (
                "POST",
                "/v1/staff/actions".into(),
                Some(&field),
                json!({"device_id": "d", "entries": [{"key": format!("k{n}"), "seq": 1, "prev_hash": GENESIS, "hash": GENESIS, "payload": json!({"at": bad, "action": {"kind": "fail", "visit_id": "v", "reason": "not_home"}}).to_string()}]}),
            ),
            (
                "GET",
                format!(
                    "/v1/offices/vnp-hoan-kiem/slots?date={}",
                    bad[..bad.find('T').unwrap()].trim()
                ),
                None,
                Value::Null,
            ),
        ];
        for (method, path, token, body) in sent {
            let body = (!body.is_null()).then_some(body);
            let a = call(&api.http, &api.url, method, &path, token, body).await;
            assert!(
                a.status < 500,
                "{method} {path} with {bad}: {} {:?}",
                a.status,
                a.body
            );
            assert!(a.content_type.starts_with("application/json"), "{path}");
            if path != "/v1/staff/actions" {
                assert!(
                    matches!(a.status, 400 | 404 | 409 | 422),
                    "{method} {path}: {} {:?}",
                    a.status,
                    a.body
                );
            } else {
                assert_eq!(a.body["acks"][0]["outcome"], "rejected", "{:?}", a.body);
            }
        }
    }
    for year in ["262142", "-5", "99999999999"] {
        let a = api.get(&format!("/v1/holidays/{year}"), None).await;
        assert!(
            matches!(a.status, 400 | 422),
            "{year}: {} {:?}",
            a.status,
            a.body
        );
        assert!(a.content_type.starts_with("application/json"));
    }
    for text in [
        "a\u{0}b",
        "\u{1b}[31mred",
        "x\r\nInjected: 1",
        "abc\u{202E}gpj",
    ] {
        let a = api
            .post("/v1/staff/visits", Some(&counter), json!({"assignee": "field-hk", "beneficiary": "none", "contact_name": text, "contact_phone": "0912345678", "address": "1 Hàng Bài", "latitude": 21.0, "longitude": 105.8, "window_start": "2026-12-02T01:00:00Z", "window_end": "2026-12-02T03:00:00Z"}))
            .await;
        assert_eq!(
            (a.status, a.body["field"].as_str()),
            (422, Some("contact_name")),
            "{text:?}: {:?}",
            a.body
        );
    }
    // Framework rejections speak JSON too.
    let a = call(&api.http, &api.url, "POST", "/v1/auth/otp", None, None).await;
    assert_eq!(a.status, 415);
    assert_eq!(a.body["error"], "invalid_data");
    let raw = api
        .http
        .post(format!("{}/v1/auth/otp", api.url))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
}

#[tokio::test]
async fn someone_holding_the_receipt_follows_the_dossier_and_the_phone_keeps_the_check() {
    let world = World::start();
    let api = Api::new(&world);
    let citizen = world.citizen_token("0911000008").await;
    let counter = world.staff_token("counter-hk").await;
    let (code, check) = file(&api, &citizen).await;
    let relative = world.phone();
    let refused = relative.tracking().track(code.clone()).await.unwrap_err();
    assert_eq!(refused.kind(), dvc_core::ErrorKind::NotFound);
    let seen = relative
        .tracking()
        .track(format!("{code}#{check}"))
        .await
        .unwrap();
    assert_eq!(seen.dossier_code.as_deref(), Some(code.as_str()));
    let a = api
        .post(
            &format!("/v1/staff/dossiers/{code}/status"),
            Some(&counter),
            json!({"status_code": 2}),
        )
        .await;
    assert_eq!(a.status, 200);
    // A background refresh uses the check kept on the phone.
    assert_eq!(relative.tracking().refresh_all().await.unwrap(), 1);
    assert_eq!(
        relative
            .tracking()
            .cached(&code)
            .unwrap()
            .unwrap()
            .status_code,
        2
    );
}
