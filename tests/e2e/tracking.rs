//! A result delivered home: the citizen follows the dossier's two tracks
//! (status and post) with notifications that never repeat; a field staff
//! member fetches the worklist, delivers offline and syncs later; the
//! server applies each action once and reports a tampered log.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use dvc_core::api::model::Delivery;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::field::model::VisitKind;
use dvc_core::field::view::{DeliverInput, FailInput, LocalState};
use dvc_core::platform::MemorySecureStore;
use dvc_core::tracking::postal::{FailReason, PostalStep};
use dvc_core::{Core, ErrorKind};
use dvc_e2e::{OFFLINE_URL, World};
use serde_json::json;

/// A field staff member's phone (`field-hk`): its files folder and secure
/// store, opened with signal or without.
struct FieldPhone {
    dir: tempfile::TempDir,
    store: Arc<MemorySecureStore>,
}

impl FieldPhone {
    /// A new phone, signed in online; returns it and the online core.
    async fn signed_in(world: &World) -> (Self, Core) {
        let phone = FieldPhone {
            dir: tempfile::tempdir().unwrap(),
            store: Arc::new(MemorySecureStore::default()),
        };
        let core = phone.online(world);
        core.account()
            .sign_in_staff("field-hk".into(), dvc_e2e::STAFF_PASSWORD.into())
            .await
            .unwrap();
        (phone, core)
    }

    /// The core with signal.
    fn online(&self, world: &World) -> Core {
        world.phone_at(self.dir.path(), world.server.url(), self.store.clone())
    }

    /// The core with no signal.
    fn offline(&self, world: &World) -> Core {
        world.phone_at(self.dir.path(), OFFLINE_URL, self.store.clone())
    }
}

/// A citizen files a birth registration at Hoàn Kiếm, result to be
/// delivered home; returns the dossier code.
async fn file(an: &Core) -> String {
    let draft = an
        .checklists()
        .start_draft(
            "1.001193",
            &ApplicantProfile::default(),
            &["declaration_form".into(), "birth_certificate".into()],
            DraftPlan {
                office_id: Some("vnp-hoan-kiem".into()),
                booking_id: None,
                delivery: Delivery::Home {
                    address: "12 Tràng Tiền, Hoàn Kiếm".into(),
                },
            },
        )
        .unwrap();
    let dossier = an.dossiers().submit(draft.id).await.unwrap();
    dossier.code.unwrap()
}

/// The agency accepts, processes and hands the result to the post for
/// `field-hk`; returns the item number.
async fn process_and_dispatch(world: &World, code: &str) -> String {
    for status in [2, 4, 9] {
        let (st, body) = world
            .agency(
                "counter-hk",
                &format!("/v1/staff/dossiers/{code}/status"),
                json!({ "status_code": status }),
            )
            .await;
        assert_eq!(st, 200, "{body}");
        assert_eq!(body["status_code"], status);
    }
    let (st, body) = world
        .agency(
            "counter-hk",
            &format!("/v1/staff/dossiers/{code}/dispatch"),
            json!({
                "assignee": "field-hk",
                "latitude": 21.0245, "longitude": 105.8560,
                "contact_name": "Nguyễn Văn An", "contact_phone": "0912345678",
                "beneficiary": "merit"
            }),
        )
        .await;
    assert_eq!(st, 201, "{body}");
    body["s10"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_citizen_sees_each_step_once_and_the_result_delivered_after_an_offline_round() {
    let world = World::start();
    let phone_dir = tempfile::tempdir().unwrap();
    let phone_store = Arc::new(MemorySecureStore::default());
    let an = world.phone_at(phone_dir.path(), world.server.url(), phone_store.clone());
    let sent = an
        .account()
        .request_code("0912345678".into())
        .await
        .unwrap();
    let otp = world.codes.last_code(&sent.phone).unwrap();
    an.account()
        .sign_in_citizen("0912345678".into(), otp)
        .await
        .unwrap();
    let code = file(&an).await;

    let first = an.tracking().track(code.clone()).await.unwrap();
    assert_eq!(first.status_code, 1);
    assert_eq!(first.events.len(), 1);
    assert!(first.promised_date.is_some() && first.expected_delivery.is_some());
    assert!(
        an.tracking().pending_notifications().unwrap().is_empty(),
        "history is shown, not announced"
    );

    let s10 = process_and_dispatch(&world, &code).await;
    let view = an.tracking().track(code.clone()).await.unwrap();
    assert_eq!(view.status_code, 9);
    assert_eq!(view.s10.as_deref(), Some(s10.as_str()));
    assert_eq!(view.postal_step, Some(PostalStep::HandedToPost));
    let notes = an.tracking().pending_notifications().unwrap();
    assert_eq!(
        notes.len(),
        4,
        "accepted, in process, processed, handed to post"
    );
    assert!(
        notes
            .iter()
            .all(|n| n.deep_link == format!("dvc://dossier/{code}"))
    );
    assert!(notes[0].title_vi.contains("Đã tiếp nhận"), "{:?}", notes[0]);
    an.tracking().track(code.clone()).await.unwrap();
    assert_eq!(
        an.tracking().pending_notifications().unwrap().len(),
        4,
        "no duplicates"
    );
    an.tracking()
        .mark_shown(notes.iter().map(|n| n.id).collect())
        .unwrap();
    drop(an);
    // The app restarts: nothing shown comes back, nothing new is invented.
    let an = world.phone_at(phone_dir.path(), world.server.url(), phone_store.clone());
    an.tracking().track(s10.clone()).await.unwrap();
    assert!(an.tracking().pending_notifications().unwrap().is_empty());

    // Field staff: fetch the day's list online, then lose the signal.
    let (field_phone, online) = FieldPhone::signed_in(&world).await;
    let list = online.field().refresh_worklist().await.unwrap();
    assert_eq!(list.visits.len(), 1);
    let visit = list.visits[0].clone();
    assert_eq!(visit.kind, VisitKind::Delivery);
    assert_eq!(
        visit.fee_vnd, 0,
        "free for a person with meritorious service"
    );
    assert_eq!(visit.s10.as_deref(), Some(s10.as_str()));
    drop(online);
    let offline = field_phone.offline(&world);
    let photos = tempfile::tempdir().unwrap();
    let photo = photos.path().join("door.jpg");
    std::fs::write(&photo, dvc_e2e::files::jpeg(30_000, 8)).unwrap();
    let photo = photo.to_string_lossy().into_owned();
    let wrong = offline.field().deliver(DeliverInput {
        visit_id: visit.id.clone(),
        s10: "RB123456785VN".into(),
        recipient_name: "Nguyễn Văn An".into(),
        relation: None,
        identity_checked: true,
        signature_sha256: String::new(),
        photo_sha256: None,
        signature_file: Some(dvc_e2e::files::signature_file()),
        photo_files: Vec::new(),
        fee_receipt: None,
        latitude: Some(21.0245),
        longitude: Some(105.856),
    });
    assert_eq!(wrong.unwrap_err().reason(), Some("wrong_item"));
    let receipt = offline
        .field()
        .deliver(DeliverInput {
            visit_id: visit.id.clone(),
            s10: s10.to_lowercase(),
            recipient_name: "Nguyễn Thị Bình".into(),
            relation: Some("vợ".into()),
            identity_checked: true,
            signature_sha256: String::new(),
            photo_sha256: None,
            signature_file: Some(dvc_e2e::files::signature_file()),
            photo_files: vec![photo.clone()],
            fee_receipt: None,
            latitude: Some(21.0245),
            longitude: Some(105.856),
        })
        .unwrap();
    assert_eq!((receipt.seq, receipt.pending), (1, 1));
    let again = offline.field().fail(FailInput {
        visit_id: visit.id.clone(),
        reason: FailReason::NotHome,
        note: None,
        latitude: None,
        longitude: None,
    });
    assert_eq!(again.unwrap_err().reason(), Some("visit_done"));
    assert_eq!(
        offline.field().worklist().unwrap().visits[0].local_state,
        LocalState::DoneUnsent
    );
    let report = offline.field().sync_with(50).await.unwrap();
    assert_eq!((report.acknowledged, report.pending), (0, 1));
    assert!(report.error_en.is_some());
    drop(offline);

    // Back in range: one sync delivers it, a second sends nothing.
    let online = field_phone.online(&world);
    let report = online.field().sync().await.unwrap();
    assert_eq!(
        (report.sent, report.acknowledged, report.pending),
        (1, 1, 0)
    );
    assert!(report.breaks.is_empty(), "{:?}", report.breaks);
    let report = online.field().sync().await.unwrap();
    assert_eq!((report.sent, report.pending), (0, 0));
    assert_eq!(online.field().verify_log().unwrap(), None);

    let seen = an.tracking().track(code.clone()).await.unwrap();
    assert_eq!(seen.status_code, 10);
    assert_eq!(seen.postal_step, Some(PostalStep::Delivered));
    assert!(seen.late_en.is_none());
    let kinds: Vec<&str> = seen.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        &kinds[..2],
        &["status", "delivered"],
        "newest first: {kinds:?}"
    );
    let notes = an.tracking().pending_notifications().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    // The proof of delivery reached the server as files: the signature
    // and the photo, for the owner and both kinds of staff of the office.
    use dvc_core::files::FileRole;
    for phone in [
        &an,
        &world.staff("counter-hk").await,
        &world.staff("field-hk").await,
    ] {
        let roles: Vec<FileRole> = phone
            .files()
            .list(code.clone())
            .await
            .unwrap()
            .files
            .iter()
            .map(|f| f.role)
            .collect();
        assert_eq!(roles, [FileRole::DeliveryPhoto, FileRole::Signature]);
    }
}

#[tokio::test]
async fn two_failed_attempts_two_working_days_apart_return_the_result() {
    let world = World::start();
    let an = world.citizen("0987654321").await;
    let code = file(&an).await;
    let s10 = process_and_dispatch(&world, &code).await;
    let token = world.staff_token("field-hk").await;
    let http = reqwest::Client::new();
    let list: serde_json::Value = http
        .get(format!("{}/v1/staff/worklist", world.server.url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let visit = list["visits"][0]["id"].as_str().unwrap().to_owned();
    // A hand-made log: one attempt now, one two weeks later (at least two
    // working days apart), sent when the server's clock
    // has reached it.
    let now = world.now();
    let later = now + chrono::Duration::days(14);
    world
        .server
        .state()
        .clock
        .advance(std::time::Duration::from_secs(14 * 24 * 3600));
    let token = world.staff_token("field-hk").await; // the first one lasted 12 h
    let mut prev = dvc_core::field::chain::GENESIS.to_owned();
    let mut entries = Vec::new();
    for (seq, at) in [(1u64, now), (2, later)] {
        let payload = json!({
            "at": at,
            "action": { "kind": "fail", "visit_id": visit, "reason": "not_home" }
        })
        .to_string();
        let link = dvc_core::field::chain::link("dev-t", seq, &prev, payload.as_bytes());
        prev = link.hash.clone();
        entries.push(json!({
            "key": format!("k{seq}"), "seq": seq, "prev_hash": link.prev_hash,
            "hash": link.hash, "payload": payload
        }));
    }
    let reply: serde_json::Value = http
        .post(format!("{}/v1/staff/actions", world.server.url()))
        .bearer_auth(&token)
        .json(&json!({ "device_id": "dev-t", "entries": entries }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(reply["acks"][1]["outcome"], "applied", "{reply}");
    assert!(reply["breaks"].as_array().unwrap().is_empty());
    let view = an.tracking().track(s10).await.unwrap();
    assert_eq!(view.postal_step, Some(PostalStep::ReturnedToAgency));
    assert_eq!(view.failed_attempts, 2);

    // The same entries again are duplicates; an altered one is reported and
    // quarantined (stored, not applied).
    let mut tampered = entries.clone();
    tampered.push(json!({
        "key": "k3", "seq": 3, "prev_hash": prev, "hash": prev,
        "payload": json!({"at": "2026-11-19T03:00:00Z",
                          "action": {"kind": "fail", "visit_id": visit, "reason": "refused"}}).to_string()
    }));
    let reply: serde_json::Value = http
        .post(format!("{}/v1/staff/actions", world.server.url()))
        .bearer_auth(&token)
        .json(&json!({ "device_id": "dev-t", "entries": tampered }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(reply["acks"][0]["outcome"], "duplicate");
    assert_eq!(reply["acks"][2]["outcome"], "quarantined", "{reply}");
    assert_eq!(reply["breaks"][0]["kind"], "hash_mismatch", "{reply}");
}

#[tokio::test]
async fn bad_item_numbers_and_unknown_codes_get_typed_errors() {
    let world = World::start();
    let an = world.phone();
    let err = an
        .tracking()
        .track("RB123456786VN".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert_eq!(err.field(), Some("s10"));
    let err = an
        .tracking()
        .track("RB123456785VN".into())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let quote = an
        .tracking()
        .delivery_quote(dvc_core::field::model::Beneficiary::None)
        .await
        .unwrap();
    assert!(quote.fee_vnd > 0 && quote.sample);
}

#[tokio::test]
async fn pickups_verify_the_qr_offline_and_create_dossiers_at_the_door() {
    let world = World::start();
    let an = world.citizen("0911222333").await;
    let code = file(&an).await;
    let qr = an
        .dossiers()
        .cached_one(&code)
        .unwrap()
        .unwrap()
        .qr
        .unwrap();

    let desk = world.staff("counter-hk").await;
    let window_start = world.now() + chrono::Duration::hours(20);
    let pickup = |dossier: Option<String>, procedure: Option<String>, name: &str| {
        dvc_core::field::model::NewPickup {
            dossier,
            procedure_code: procedure,
            assignee: "field-hk".into(),
            beneficiary: dvc_core::catalogue::profile::Beneficiary::Social,
            contact_name: name.into(),
            contact_phone: "0911222333".into(),
            address: "3 Hàng Khay, Hoàn Kiếm".into(),
            latitude: 21.0255,
            longitude: 105.8520,
            window_start,
            window_end: window_start + chrono::Duration::hours(2),
        }
    };
    let with_dossier = desk
        .desk()
        .book_pickup(pickup(Some(code.clone()), None, "Lê Thị Hoa"))
        .await
        .unwrap();
    assert_eq!(with_dossier.dossier_code.as_deref(), Some(code.as_str()));
    assert_eq!(with_dossier.fee_vnd, 0);
    let at_the_door = desk
        .desk()
        .book_pickup(pickup(None, Some("1.001193".into()), "Phạm Văn Cường"))
        .await
        .unwrap();
    let view = an.tracking().track(code.clone()).await.unwrap();
    assert_eq!(view.postal_step, Some(PostalStep::PickupRequested));

    let (field_phone, online) = FieldPhone::signed_in(&world).await;
    let list = online.field().refresh_worklist().await.unwrap();
    assert_eq!(list.visits.len(), 2);
    assert!(list.route_km > 0.0);
    drop(online);

    let offline = field_phone.offline(&world);
    let photos = tempfile::tempdir().unwrap();
    let photo = photos.path().join("bag.jpg");
    std::fs::write(&photo, dvc_e2e::files::jpeg(40_000, 7)).unwrap();
    let photo = photo.to_string_lossy().into_owned();
    let mut forged = qr.clone();
    forged.replace_range(20..21, if &qr[20..21] == "A" { "B" } else { "A" });
    let input = |qr: Option<String>| dvc_core::field::view::PickupInput {
        visit_id: with_dossier.id.clone(),
        qr,
        documents: vec!["declaration_form".into()],
        sealed_bag: "TUI-000123".into(),
        fee_receipt: None,
        // A photo of the papers in the bag, for the office.
        photo_files: vec![photo.clone()],
        new_procedure_code: None,
        new_citizen_phone: None,
        new_delivery: None,
        latitude: None,
        longitude: None,
    };
    let err = offline.field().pickup(input(Some(forged))).unwrap_err();
    assert_eq!(err.reason(), Some("qr_invalid"));
    let receipt = offline.field().pickup(input(Some(qr))).unwrap();
    assert!(
        receipt.qr_verified,
        "verified offline with the cached keyring"
    );
    assert!(
        receipt.missing == ["birth_certificate", "id_card_copy"],
        "{:?}",
        receipt.missing
    );
    let err = offline
        .field()
        .pickup(dvc_core::field::view::PickupInput {
            visit_id: at_the_door.id.clone(),
            ..input(None)
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("new_procedure_code"));
    offline
        .field()
        .pickup(dvc_core::field::view::PickupInput {
            visit_id: at_the_door.id.clone(),
            new_procedure_code: Some("1.001193".into()),
            new_citizen_phone: Some("0944 555 666".into()),
            new_delivery: Some(Delivery::Home {
                address: "3 Hàng Khay".into(),
            }),
            ..input(None)
        })
        .unwrap();
    drop(offline);

    let online = field_phone.online(&world);
    let report = online.field().sync().await.unwrap();
    assert_eq!(
        (report.acknowledged, report.rejected, report.pending),
        (2, 0, 0)
    );
    let view = an.tracking().track(code.clone()).await.unwrap();
    assert_eq!(view.postal_step, Some(PostalStep::Collected));
    assert!(view.events[0].text_en.contains("TUI-000123"));
    // The office sees what the sealed bag holds.
    let counter = world.staff("counter-hk").await;
    let files = counter.files().list(code.clone()).await.unwrap().files;
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].role, dvc_core::files::FileRole::PickupPhoto);
    assert_eq!(files[0].bytes, 40_000);
    let newcomer = world.citizen("0944555666").await;
    let theirs = newcomer.dossiers().refresh().await.unwrap();
    assert_eq!(
        theirs.len(),
        1,
        "the dossier made at the door is the person's"
    );
    let view = newcomer
        .tracking()
        .track(theirs[0].code.clone().unwrap())
        .await
        .unwrap();
    assert_eq!(view.postal_step, Some(PostalStep::Collected));
}

#[tokio::test]
async fn a_background_refresh_announces_steps_of_the_citizens_own_dossiers() {
    let world = World::start();
    let an = world.citizen("0933444555").await;
    let code = file(&an).await;
    let (st, _) = world
        .agency(
            "counter-hk",
            &format!("/v1/staff/dossiers/{code}/status"),
            json!({ "status_code": 2 }),
        )
        .await;
    assert_eq!(st, 200);
    // Never opened on the tracking screen: the background refresh still
    // looks at the account's own dossiers, and announces all but filing.
    assert_eq!(an.tracking().refresh_all().await.unwrap(), 1);
    let notes = an.tracking().pending_notifications().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].title_en.contains("Accepted"), "{:?}", notes[0]);
    assert_eq!(an.tracking().refresh_all().await.unwrap(), 0, "nothing new");
    let stored = an.tracking().cached(&code).unwrap().unwrap();
    assert_eq!(stored.status_code, 2);
    an.account().sign_out().await.unwrap();
    assert!(an.tracking().pending_notifications().unwrap().is_empty());
    assert!(
        an.tracking().cached(&code).unwrap().is_none(),
        "forgotten at sign-out"
    );
}

#[tokio::test]
async fn staff_cannot_sign_out_with_actions_waiting_to_be_sent() {
    let world = World::start();
    let an = world.citizen("0955666777").await;
    let code = file(&an).await;
    process_and_dispatch(&world, &code).await;
    let (_phone, staff) = FieldPhone::signed_in(&world).await;
    let visit = staff.field().refresh_worklist().await.unwrap().visits[0]
        .id
        .clone();
    staff
        .field()
        .fail(FailInput {
            visit_id: visit,
            reason: FailReason::Refused,
            note: None,
            latitude: None,
            longitude: None,
        })
        .unwrap();
    let err = staff.account().sign_out().await.unwrap_err();
    assert_eq!(err.reason(), Some("unsent_actions"));
    assert!(
        staff.account().session().unwrap().is_some(),
        "still signed in"
    );
    staff.field().sync().await.unwrap();
    staff.account().sign_out().await.unwrap();
    assert!(
        staff.field().worklist().unwrap().visits.is_empty(),
        "addresses forgotten"
    );
}

#[tokio::test]
async fn a_sync_with_the_server_down_counts_actions_not_attempts() {
    let world = World::start();
    let an = world.citizen("0955666778").await;
    let code = file(&an).await;
    process_and_dispatch(&world, &code).await;
    let (phone, staff) = FieldPhone::signed_in(&world).await;
    let visit = staff.field().refresh_worklist().await.unwrap().visits[0]
        .id
        .clone();
    drop(staff);
    let offline = phone.offline(&world);
    for reason in [FailReason::NotHome, FailReason::Refused] {
        offline
            .field()
            .fail(FailInput {
                visit_id: visit.clone(),
                reason,
                note: None,
                latitude: None,
                longitude: None,
            })
            .unwrap();
    }
    let report = offline.field().sync().await.unwrap();
    assert_eq!(
        (report.sent, report.acknowledged, report.pending),
        (2, 0, 2),
        "{report:?}"
    );
    assert!(report.error_en.is_some());
}
