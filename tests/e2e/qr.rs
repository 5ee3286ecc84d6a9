//! Filing a draft, its signed QR, and verifying it as a clerk or a field
//! staff member: online, offline, after a withdrawal, across key rotation.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use dvc_core::api::model::Delivery;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::qr::QrError;
use dvc_core::qr::render::Symbol;
use dvc_core::qr::view::DossierSource;
use dvc_core::{Core, ErrorKind};
use dvc_e2e::World;

/// A citizen with an appointment at Hoàn Kiếm files a birth registration
/// to be delivered home; returns the phone and the submitted dossier.
async fn filed(world: &World, phone: &str) -> (Core, dvc_core::api::model::Dossier) {
    let an = world.citizen(phone).await;
    let (_, slots) = world.bookable_day("vnp-hoan-kiem").await;
    let start: chrono::DateTime<chrono::Utc> = slots[0]["start"].as_str().unwrap().parse().unwrap();
    let booking = an
        .bookings()
        .book("vnp-hoan-kiem".into(), start, "1.001193".into(), None)
        .await
        .unwrap();
    let draft = an
        .checklists()
        .start_draft(
            "1.001193",
            &ApplicantProfile::default(),
            &["declaration_form".into(), "birth_certificate".into()],
            DraftPlan {
                office_id: None,
                booking_id: Some(booking.id.clone()),
                delivery: Delivery::Home {
                    address: "12 Tràng Tiền".into(),
                },
            },
        )
        .unwrap();
    assert_eq!(draft.plan.office_id.as_deref(), Some("vnp-hoan-kiem"));
    let unsigned = an.qr().draft_code(&draft.id).unwrap();
    assert!(!unsigned.signed);
    assert!(unsigned.caption_en.contains("NOT VERIFIED"));
    let dossier = an.dossiers().submit(draft.id.clone()).await.unwrap();
    assert!(
        an.checklists().draft(&draft.id).is_err(),
        "the draft is gone once filed"
    );
    assert_eq!(dossier.appointment, Some(booking.slot_start));
    (an, dossier)
}

#[tokio::test]
async fn a_filed_draft_gets_a_national_code_and_a_qr_the_clerk_verifies() {
    let world = World::start();
    let (an, dossier) = filed(&world, "0912345678").await;
    let code = dossier.code.clone().unwrap();
    let today = world
        .now()
        .with_timezone(&dvc_core::time::VN)
        .format("%y%m%d")
        .to_string();
    assert_eq!(code, format!("000.00.01.H26-{today}-0001"));
    assert_eq!(
        dossier.documents,
        vec!["declaration_form", "birth_certificate"]
    );

    // The citizen's phone shows it offline, from its cache.
    let image = an.qr().dossier_code(&code).unwrap();
    assert!(image.signed && image.version <= 7);
    assert_eq!(Some(&image.payload), dossier.qr.as_ref());
    assert!(image.png.starts_with(b"\x89PNG"));
    assert_eq!(
        i32::from(Symbol::new(&image.payload).unwrap().version()),
        image.version
    );

    // A clerk's phone that never fetched the keyring cannot trust it yet.
    let clerk = world.staff("counter-hk").await;
    let before = clerk.qr().verify(&image.payload);
    assert_eq!(before.error, Some(QrError::UnknownKey));
    clerk.offices().list().await.unwrap();
    assert_eq!(clerk.qr().refresh_keys().await.unwrap().len(), 1);
    let v = clerk.qr().verify(&image.payload);
    assert!(v.valid, "{v:?}");
    assert_eq!(v.dossier_code.as_deref(), Some(code.as_str()));
    assert_eq!(v.procedure_name_en.as_deref(), Some("Birth registration"));
    assert_eq!(v.office_id.as_deref(), Some("vnp-hoan-kiem"));
    assert_eq!(
        v.documents_held,
        vec!["declaration_form", "birth_certificate"]
    );
    assert!(v.home_delivery);
    assert_eq!(v.appointment, dossier.appointment);

    // Online, the scan brings the full dossier (with the address).
    let scan = clerk.qr().scan(image.payload.clone()).await;
    assert_eq!(scan.source, DossierSource::Server);
    let full = scan.dossier.unwrap();
    assert_eq!(
        full.delivery,
        Delivery::Home {
            address: "12 Tràng Tiền".into()
        }
    );

    // Offline: the same scan verifies and falls back to the cache.
    drop(world);
    let offline = clerk.qr().scan(image.payload.clone()).await;
    assert!(offline.verification.valid);
    assert_eq!(offline.source, DossierSource::Cache);
    assert_eq!(
        offline.dossier.unwrap().code.as_deref(),
        Some(code.as_str())
    );
    let field = clerk.qr().refresh_keys().await.unwrap_err();
    assert_eq!(field.kind(), ErrorKind::Offline);
    assert!(
        clerk.qr().verify(&image.payload).valid,
        "the cached keyring still verifies"
    );
}

#[tokio::test]
async fn a_withdrawn_dossier_is_revoked_once_the_verifier_refreshes() {
    let world = World::start();
    let (an, dossier) = filed(&world, "0912345678").await;
    let qr = dossier.qr.clone().unwrap();
    let clerk = world.staff("field-hk").await;
    clerk.qr().refresh_keys().await.unwrap();
    assert!(clerk.qr().verify(&qr).valid);
    let withdrawn = an.dossiers().withdraw(dossier.id.clone()).await.unwrap();
    assert_eq!(withdrawn.status_code, 7);
    clerk.qr().refresh_keys().await.unwrap();
    assert_eq!(clerk.qr().verify(&qr).error, Some(QrError::Revoked));
    // Withdrawing again changes nothing.
    assert_eq!(
        an.dossiers()
            .withdraw(dossier.id)
            .await
            .unwrap()
            .status_code,
        7
    );
}

#[tokio::test]
async fn codes_signed_before_a_key_rotation_still_verify() {
    let world = World::start();
    let (_, old) = filed(&world, "0912345678").await;
    let new_key = dvc_server::credentials::rotate(&world.server.state().db, world.now()).unwrap();
    assert_eq!(new_key.id, "k2");
    let (_, new) = filed(&world, "0987654321").await;
    assert!(new.code.unwrap().ends_with("-0002"));
    let clerk = world.staff("counter-hk").await;
    let keys = clerk.qr().refresh_keys().await.unwrap();
    assert_eq!(
        keys.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        ["k2", "k1"]
    );
    assert!(keys[1].valid_until.is_some());
    for qr in [old.qr.unwrap(), new.qr.unwrap()] {
        let v = clerk.qr().verify(&qr);
        assert!(v.valid, "{v:?}");
    }
}

#[tokio::test]
async fn a_retried_submit_files_once_and_bad_drafts_are_refused() {
    let world = World::start();
    let an = world.citizen("0912345678").await;
    // No office and no booking: nothing is sent.
    let draft = an
        .checklists()
        .start_draft(
            "1.001193",
            &ApplicantProfile::default(),
            &[],
            DraftPlan::default(),
        )
        .unwrap();
    let err = an.dossiers().submit(draft.id.clone()).await.unwrap_err();
    assert_eq!(err.field(), Some("office_id"));
    // An unknown document or a home delivery without address stores nothing.
    let bad = an.checklists().start_draft(
        "1.001193",
        &ApplicantProfile::default(),
        &["passport".into()],
        DraftPlan::default(),
    );
    assert_eq!(bad.unwrap_err().field(), Some("document_id"));
    let no_address = an.checklists().start_draft(
        "1.001193",
        &ApplicantProfile::default(),
        &[],
        DraftPlan {
            office_id: Some("vnp-hoan-kiem".into()),
            booking_id: None,
            delivery: Delivery::Home {
                address: "  ".into(),
            },
        },
    );
    assert_eq!(no_address.unwrap_err().field(), Some("delivery"));
    assert_eq!(an.checklists().drafts().unwrap().len(), 1);

    // The same draft sent twice (an answer lost on the way) files once.
    an.checklists()
        .set_plan(
            &draft.id,
            DraftPlan {
                office_id: Some("vnp-hoan-kiem".into()),
                ..DraftPlan::default()
            },
        )
        .unwrap();
    let token = world.citizen_token("0912345678").await;
    let body = serde_json::json!({"procedure_code": "1.001193", "office_id": "vnp-hoan-kiem"});
    let key = format!("draft-{}", draft.id);
    let http = reqwest::Client::new();
    let first: serde_json::Value = http
        .post(format!("{}/v1/dossiers", world.server.url()))
        .bearer_auth(&token)
        .header("idempotency-key", &key)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let filed = an.dossiers().submit(draft.id.clone()).await.unwrap();
    assert_eq!(filed.code.as_deref(), first["code"].as_str());
    assert_eq!(an.dossiers().refresh().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_offline_check_says_how_old_the_keys_are_and_marks_them_stale_past_the_maximum() {
    let world = World::start();
    let (_, dossier) = filed(&world, "0912345678").await;
    let qr = dossier.qr.clone().unwrap();
    let clerk = world.staff("counter-hk").await;
    clerk.qr().refresh_keys().await.unwrap();
    let fresh = clerk.qr().verify(&qr);
    assert!(fresh.valid && !fresh.keyring_stale, "{fresh:?}");
    assert!(fresh.keyring_age_secs.unwrap() < 60);
    clerk.qr().set_max_keyring_age_secs(0);
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let stale = clerk.qr().verify(&qr);
    assert!(stale.valid, "the check still shows");
    assert!(stale.keyring_stale);
    assert!(
        stale.message_en.contains("Trusted keys last updated"),
        "{}",
        stale.message_en
    );
}
