//! Booking against the reference server: no overbooking under a race,
//! retries that book once, limits per citizen, cancel and reschedule.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use dvc_e2e::World;
use serde_json::{Value, json};

const OFFICE: &str = "vnp-hoan-kiem";

async fn post(url: String, token: &str, body: Value, key: Option<&str>) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .post(url)
        .bearer_auth(token)
        .json(&body);
    if let Some(key) = key {
        req = req.header("idempotency-key", key);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn phone(i: usize) -> String {
    format!("09{:08}", 10_000_000 + i)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn booking_never_exceeds_capacity_when_200_clients_race_for_one_slot() {
    let world = World::start();
    let (_, slots) = world.bookable_day(OFFICE).await;
    let slot = &slots[0];
    let capacity = slot["capacity"].as_u64().unwrap() as usize;
    assert!((1..10).contains(&capacity), "a small capacity: {capacity}");
    let mut tokens = Vec::new();
    for i in 0..200 {
        tokens.push(world.citizen_token(&phone(i)).await);
    }
    let url = format!("{}/v1/bookings", world.server.url());
    let body =
        json!({"office_id": OFFICE, "slot_start": slot["start"], "procedure_code": "1.001193"});
    let tasks: Vec<_> = tokens
        .into_iter()
        .map(|t| {
            let (url, body) = (url.clone(), body.clone());
            tokio::spawn(async move { post(url, &t, body, None).await })
        })
        .collect();
    let mut booked = 0;
    let mut full = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        match (status, body["reason"].as_str()) {
            (201, _) => booked += 1,
            (409, Some("slot_full")) => full += 1,
            other => panic!("unexpected answer {other:?}: {body}"),
        }
    }
    assert_eq!(booked, capacity);
    assert_eq!(full, 200 - capacity);
    let after: Vec<Value> = reqwest::get(format!(
        "{}/v1/offices/{OFFICE}/slots?date={}",
        world.server.url(),
        &slot["start"].as_str().unwrap()[..10]
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let same = after.iter().find(|s| s["start"] == slot["start"]).unwrap();
    assert_eq!(same["booked"].as_u64().unwrap() as usize, capacity);
    assert_eq!(same["free"], 0);
}

#[tokio::test]
async fn a_retried_booking_with_the_same_key_books_once() {
    let world = World::start();
    let (_, slots) = world.bookable_day(OFFICE).await;
    let token = world.citizen_token("0912345678").await;
    let url = format!("{}/v1/bookings", world.server.url());
    let body =
        json!({"office_id": OFFICE, "slot_start": slots[0]["start"], "procedure_code": "1.001193"});
    let first = post(url.clone(), &token, body.clone(), Some("k1")).await;
    let again = post(url.clone(), &token, body.clone(), Some("k1")).await;
    assert_eq!(first.0, 201);
    assert_eq!(first, again);
    let list: Vec<Value> = reqwest::Client::new()
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
}

#[tokio::test]
async fn a_citizen_cannot_hoard_slots() {
    let world = World::start();
    let (_, slots) = world.bookable_day(OFFICE).await;
    let token = world.citizen_token("0912345678").await;
    let url = format!("{}/v1/bookings", world.server.url());
    let book = |i: usize, code: &str| json!({"office_id": OFFICE, "slot_start": slots[i]["start"], "procedure_code": code});
    assert_eq!(
        post(url.clone(), &token, book(0, "1.001193"), None).await.0,
        201
    );
    let (status, body) = post(url.clone(), &token, book(1, "1.001193"), None).await;
    assert_eq!(
        (status, body["reason"].as_str()),
        (409, Some("already_booked"))
    );
    // One place a day per office: a second procedure joins the first visit.
    let (status, body) = post(url.clone(), &token, book(1, "1.000894"), None).await;
    assert_eq!(
        (status, body["reason"].as_str()),
        (409, Some("one_per_day"))
    );
    let elsewhere = |office: &'static str, code: &'static str| {
        let world = &world;
        async move {
            let (_, slots) = world.bookable_day(office).await;
            json!({"office_id": office, "slot_start": slots[0]["start"], "procedure_code": code})
        }
    };
    assert_eq!(
        post(
            url.clone(),
            &token,
            elsewhere("vnp-tay-ho", "1.000894").await,
            None
        )
        .await
        .0,
        201
    );
    assert_eq!(
        post(
            url.clone(),
            &token,
            elsewhere("vnp-dong-da", "1.004222").await,
            None
        )
        .await
        .0,
        201
    );
    let (status, body) = post(
        url.clone(),
        &token,
        elsewhere("vnp-thanh-xuan", "1.004194").await,
        None,
    )
    .await;
    assert_eq!(
        (status, body["reason"].as_str()),
        (409, Some("too_many_bookings"))
    );
}

#[tokio::test]
async fn cancel_frees_the_place_and_reschedule_moves_it_or_changes_nothing() {
    let world = World::start();
    let (day, slots) = world.bookable_day(OFFICE).await;
    let capacity = slots[0]["capacity"].as_u64().unwrap() as usize;
    let base = world.server.url().to_owned();
    // Fill slot 1 completely.
    for i in 0..capacity {
        let t = world.citizen_token(&phone(500 + i)).await;
        let body = json!({"office_id": OFFICE, "slot_start": slots[1]["start"], "procedure_code": "1.001193"});
        assert_eq!(
            post(format!("{base}/v1/bookings"), &t, body, None).await.0,
            201
        );
    }
    let me = world.citizen_token("0912345678").await;
    let body =
        json!({"office_id": OFFICE, "slot_start": slots[0]["start"], "procedure_code": "1.001193"});
    let (_, mine) = post(format!("{base}/v1/bookings"), &me, body, None).await;
    let id = mine["id"].as_str().unwrap();
    // Moving into the full slot fails and keeps the old place.
    let (status, err) = post(
        format!("{base}/v1/bookings/{id}/reschedule"),
        &me,
        json!({"slot_start": slots[1]["start"]}),
        None,
    )
    .await;
    assert_eq!((status, err["reason"].as_str()), (409, Some("slot_full")));
    let free_of = |slots: &Vec<Value>, i: usize| slots[i]["free"].as_u64().unwrap();
    let now: Vec<Value> = reqwest::get(format!("{base}/v1/offices/{OFFICE}/slots?date={day}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(free_of(&now, 0), capacity as u64 - 1);
    // Moving to a free slot takes the new place and frees the old one.
    let (status, moved) = post(
        format!("{base}/v1/bookings/{id}/reschedule"),
        &me,
        json!({"slot_start": slots[2]["start"]}),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(moved["slot_start"], slots[2]["start"]);
    let now: Vec<Value> = reqwest::get(format!("{base}/v1/offices/{OFFICE}/slots?date={day}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (free_of(&now, 0), free_of(&now, 2)),
        (capacity as u64, capacity as u64 - 1)
    );
    // Cancelling frees it; cancelling again changes nothing.
    let (status, cancelled) = post(
        format!("{base}/v1/bookings/{id}/cancel"),
        &me,
        json!({}),
        None,
    )
    .await;
    assert_eq!(
        (status, cancelled["status"].as_str()),
        (200, Some("cancelled"))
    );
    assert_eq!(
        post(
            format!("{base}/v1/bookings/{id}/cancel"),
            &me,
            json!({}),
            None
        )
        .await
        .0,
        200
    );
    let now: Vec<Value> = reqwest::get(format!("{base}/v1/offices/{OFFICE}/slots?date={day}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(free_of(&now, 2), capacity as u64);
    // Someone else cannot touch it.
    let other = world.citizen_token("0987654321").await;
    assert_eq!(
        post(
            format!("{base}/v1/bookings/{id}/cancel"),
            &other,
            json!({}),
            None
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn staff_see_their_offices_bookings_with_priority_and_phone() {
    let world = World::start();
    let (_, slots) = world.bookable_day(OFFICE).await;
    let me = world.citizen_token("0912345678").await;
    let body = json!({"office_id": OFFICE, "slot_start": slots[0]["start"], "procedure_code": "1.001193", "priority": "elderly"});
    assert_eq!(
        post(
            format!("{}/v1/bookings", world.server.url()),
            &me,
            body,
            None
        )
        .await
        .0,
        201
    );
    let grant: Value = reqwest::Client::new()
        .post(format!("{}/v1/auth/staff", world.server.url()))
        .json(&json!({"username": "counter-hk", "password": dvc_e2e::STAFF_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let list: Vec<Value> = reqwest::Client::new()
        .get(format!("{}/v1/bookings", world.server.url()))
        .bearer_auth(grant["token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["priority"], "elderly");
    assert_eq!(list[0]["citizen_phone"], "0912345678");
    let other: Value = reqwest::Client::new()
        .post(format!("{}/v1/auth/staff", world.server.url()))
        .json(&json!({"username": "counter-cg", "password": dvc_e2e::STAFF_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let theirs: Vec<Value> = reqwest::Client::new()
        .get(format!("{}/v1/bookings", world.server.url()))
        .bearer_auth(other["token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(theirs.is_empty(), "another office's staff see nothing");
}

#[tokio::test]
async fn a_holiday_decision_on_the_server_replaces_the_default_and_closes_slots() {
    use dvc_core::calendar::{Holiday, YearOverride};
    let world = World::start();
    let (day, _) = world.bookable_day(OFFICE).await;
    let date = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap();
    let year = dvc_core::calendar::YearOverride {
        year: chrono::Datelike::year(&date),
        days_off: vec![Holiday {
            date,
            name_vi: "Nghỉ theo quyết định".into(),
            name_en: "Day off by decision".into(),
            compensatory: false,
        }],
        extra_working_days: vec![],
    };
    dvc_server::holidays::save(&world.server.state().db, &year).unwrap();
    // A restarted server publishes the decision; here we reload in place.
    let calendar = dvc_core::calendar::WorkingCalendar::new(
        dvc_server::holidays::calendar(&world.server.state().db).unwrap(),
    );
    *world.server.state().working_calendar.write().unwrap() = std::sync::Arc::new(calendar);
    let published: YearOverride =
        reqwest::get(format!("{}/v1/holidays/{}", world.server.url(), year.year))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert!(published.days_off.iter().any(|h| h.date == date));
    // The decision replaces the year: what else is off are the holidays
    // the law fixes (put back), not the rest of the rule's or decided days.
    assert!(published.days_off.len() <= 7, "{published:?}");
    let slots: Vec<Value> = reqwest::get(format!(
        "{}/v1/offices/{OFFICE}/slots?date={day}",
        world.server.url()
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert!(slots.is_empty(), "no slots on a day off");
    // The phone takes the server's year and keeps it for offline use.
    let phone = world.phone();
    let days = phone.bookings().holidays(year.year).await.unwrap();
    assert_eq!(days, published.days_off);
}
