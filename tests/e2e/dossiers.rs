//! Who may see which dossier, and retries that do not file twice.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use dvc_core::ErrorKind;
use dvc_e2e::World;

#[tokio::test]
async fn a_citizen_sees_only_their_own_dossiers() {
    let world = World::start();
    let an = world.citizen("0912345678").await;
    let binh = world.citizen("0987654321").await;
    let mine = an
        .dossiers()
        .create("1.001193".into(), "vnp-hoan-kiem".into())
        .await
        .unwrap();
    assert_eq!(mine.status_code, 1);
    assert_eq!(an.dossiers().refresh().await.unwrap(), vec![mine.clone()]);
    assert!(binh.dossiers().refresh().await.unwrap().is_empty());
    let err = binh.dossiers().get(mine.id.clone()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(an.dossiers().get(mine.id.clone()).await.unwrap(), mine);
}

#[tokio::test]
async fn staff_see_only_their_own_offices_dossiers_and_cannot_file_as_citizens() {
    let world = World::start();
    let an = world.citizen("0912345678").await;
    let at_hk = an
        .dossiers()
        .create("1.001193".into(), "vnp-hoan-kiem".into())
        .await
        .unwrap();
    let at_cg = an
        .dossiers()
        .create("1.001193".into(), "vnp-cau-giay".into())
        .await
        .unwrap();
    let hk = world.staff("counter-hk").await;
    let cg = world.staff("counter-cg").await;
    // Staff see everything but the receipt's track check.
    assert!(at_hk.track_check.is_some());
    let staff_view = |d: &dvc_core::api::model::Dossier| dvc_core::api::model::Dossier {
        track_check: None,
        ..d.clone()
    };
    assert_eq!(
        hk.dossiers().refresh().await.unwrap(),
        vec![staff_view(&at_hk)]
    );
    assert_eq!(
        cg.dossiers().refresh().await.unwrap(),
        vec![staff_view(&at_cg)]
    );
    assert_eq!(
        hk.dossiers()
            .get(at_cg.id.clone())
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
    let err = hk
        .dossiers()
        .create("1.001193".into(), "vnp-hoan-kiem".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorised);
}

#[tokio::test]
async fn the_dossier_list_stays_readable_offline_and_is_forgotten_on_sign_out() {
    let world = World::start();
    let an = world.citizen("0912345678").await;
    let d = an
        .dossiers()
        .create("1.001193".into(), "vnp-hoan-kiem".into())
        .await
        .unwrap();
    an.dossiers().refresh().await.unwrap();
    let url = world.server.url().to_owned();
    drop(world);
    assert_eq!(
        an.dossiers().refresh().await.unwrap_err().kind(),
        ErrorKind::Offline
    );
    assert_eq!(an.dossiers().cached().unwrap(), vec![d]);
    an.account().sign_out().await.unwrap();
    assert!(an.dossiers().cached().unwrap().is_empty());
    let _ = url;
}

#[tokio::test]
async fn a_retried_create_with_the_same_key_files_once() {
    let world = World::start();
    let an = world.citizen("0912345678").await;
    let token = {
        // Sign in a second device to get a raw token for hand-made requests.
        let sent = world
            .phone()
            .account()
            .request_code("0912345678".into())
            .await
            .unwrap();
        let code = world.codes.last_code(&sent.phone).unwrap();
        let body = serde_json::json!({"phone": "0912345678", "code": code});
        let grant: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/v1/auth/citizen", world.server.url()))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        grant["token"].as_str().unwrap().to_owned()
    };
    let send = |key: &'static str| {
        let token = token.clone();
        let url = format!("{}/v1/dossiers", world.server.url());
        async move {
            reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("idempotency-key", key)
                .json(&serde_json::json!({"procedure_code": "1.001193", "office_id": "vnp-hoan-kiem"}))
                .send()
                .await
                .unwrap()
        }
    };
    let first = send("key-1").await;
    assert_eq!(first.status(), 201);
    let first: serde_json::Value = first.json().await.unwrap();
    let again: serde_json::Value = send("key-1").await.json().await.unwrap();
    assert_eq!(first, again, "a repeat gets the first answer");
    let other: serde_json::Value = send("key-2").await.json().await.unwrap();
    assert_ne!(first["id"], other["id"]);
    assert_eq!(an.dossiers().refresh().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_unknown_office_is_a_conflict_named_unknown_office() {
    let world = World::start();
    let an = world.citizen("0912345678").await;
    let err = an
        .dossiers()
        .create("1.001193".into(), "nowhere".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.reason(), Some("unknown_office"));
    assert!(an.dossiers().cached().unwrap().is_empty());
}

#[tokio::test]
async fn a_booking_for_another_procedure_cannot_carry_a_draft() {
    let world = World::start();
    let an = world.citizen("0912345679").await;
    let (_, slots) = world.bookable_day("vnp-hoan-kiem").await;
    let start = chrono::DateTime::parse_from_rfc3339(slots[0]["start"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    let booked = an
        .bookings()
        .book("vnp-hoan-kiem".into(), start, "1.000894".into(), None)
        .await
        .unwrap();
    let err = an
        .checklists()
        .start_draft(
            "1.001193",
            &dvc_core::catalogue::profile::ApplicantProfile::default(),
            &[],
            dvc_core::checklist::draft::DraftPlan {
                office_id: None,
                booking_id: Some(booked.id),
                delivery: Default::default(),
            },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("booking_id"), "{err:?}");
    assert!(err.en().contains("another procedure"), "{}", err.en());
}
