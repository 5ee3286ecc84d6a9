//! The field outbox never gets stuck: an action the server turns down is
//! wedged with its reason while everything behind it arrives once; wedged
//! actions are listed in the sync report, the worklist and the log, and
//! can be retried once the office fixed the cause or set aside with a
//! reason. A batch the server refuses as a whole is narrowed down instead
//! of being sent again for ever.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use dvc_core::Core;
use dvc_core::api::model::Delivery;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::field::view::{FailInput, LocalState, PickupInput, VisitView};
use dvc_core::tracking::postal::FailReason;
use dvc_e2e::World;
use dvc_e2e::field_load::{self, DOOR_PHONE};

const PROCEDURE: &str = "1.001193";
const DOCUMENTS: [&str; 2] = ["declaration_form", "birth_certificate"];

fn fail(core: &Core, visit: &VisitView) {
    core.field()
        .fail(FailInput {
            visit_id: visit.id.clone(),
            reason: FailReason::NotHome,
            note: None,
            latitude: None,
            longitude: None,
        })
        .unwrap();
}

/// A pickup that makes the dossier at the door for [`DOOR_PHONE`].
fn pickup_at_the_door(core: &Core, visit: &VisitView) -> i64 {
    core.field()
        .pickup(PickupInput {
            visit_id: visit.id.clone(),
            qr: None,
            documents: DOCUMENTS.map(String::from).to_vec(),
            sealed_bag: "TUI-1".into(),
            fee_receipt: (visit.fee_vnd > 0).then(|| "BL-1".into()),
            photo_files: Vec::new(),
            new_procedure_code: Some(PROCEDURE.into()),
            new_citizen_phone: Some(DOOR_PHONE.into()),
            new_delivery: None,
            latitude: None,
            longitude: None,
        })
        .unwrap()
        .seq
}

/// Rows the server stored for `field-hk`, and how many of them applied.
fn stored(world: &World) -> (u32, u32) {
    world
        .server
        .state()
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*), count(*) FILTER (WHERE outcome = 'applied') FROM staff_action",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap()
}

#[tokio::test]
async fn a_poison_entry_at_500_of_1000_is_wedged_while_999_arrive_once() {
    // One dossier per citizen a day: the door pickup at 500 is over it.
    let world = World::start_with(|c| c.settings.filing.max_per_day = 1);
    field_load::make_visits(&world, 3, 0).await;
    let citizen = world.citizen(DOOR_PHONE).await;
    let draft = citizen
        .checklists()
        .start_draft(
            PROCEDURE,
            &ApplicantProfile::default(),
            &DOCUMENTS.map(String::from),
            DraftPlan {
                office_id: Some("vnp-hoan-kiem".into()),
                booking_id: None,
                delivery: Delivery::Pickup,
            },
        )
        .unwrap();
    citizen.dossiers().submit(draft.id).await.unwrap();

    let phone = world.staff("field-hk").await;
    let visits = phone.field().refresh_worklist().await.unwrap().visits;
    let (door, others) = (&visits[0], &visits[1..]);
    for i in 0..499 {
        fail(&phone, &others[i % others.len()]);
    }
    let poison = pickup_at_the_door(&phone, door);
    assert_eq!(poison, 500);
    for i in 0..500 {
        fail(&phone, &others[i % others.len()]);
    }

    let report = phone.field().sync_with(200).await.unwrap();
    assert_eq!(
        (
            report.sent,
            report.acknowledged,
            report.pending,
            report.rejected
        ),
        (1_000, 1_000, 0, 1),
        "{report:?}"
    );
    assert!(report.error_en.is_none(), "{report:?}");
    let [wedged] = report.wedged.as_slice() else {
        panic!("one wedged entry expected: {report:?}");
    };
    assert_eq!(
        (wedged.seq, wedged.kind.as_str(), wedged.reason.as_str()),
        (500, "pickup", "daily_dossier_limit")
    );
    assert!(wedged.text_en.contains("next working day"), "{wedged:?}");
    assert!(!wedged.text_vi.is_empty());
    // Each action reached the server once: 999 applied, the poison stored
    // as turned down (nothing of it applied: no dossier, visit still open).
    assert_eq!(stored(&world), (1_000, 999));
    assert_eq!(citizen.dossiers().refresh().await.unwrap().len(), 1);

    // Nothing is sent again for ever: the next sync has nothing to send.
    let again = phone.field().sync_with(200).await.unwrap();
    assert_eq!((again.sent, again.pending), (0, 0), "{again:?}");
    assert_eq!(again.wedged.len(), 1);
    assert_eq!(stored(&world), (1_000, 999));

    // The worklist shows it on the visit and in its list.
    let list = phone.field().worklist().unwrap();
    assert_eq!(list.wedged.len(), 1);
    let shown = list.visits.iter().find(|v| v.id == door.id).unwrap();
    assert_eq!(shown.local_state, LocalState::Rejected);

    // The next day the citizen may file again: retried, it applies once.
    // (Server and phone go to just after midnight, Vietnam time; the staff
    // session of the day before has ended, so the worker signs in again.)
    let clock = world.server.state().clock.clone();
    let local = dvc_core::time::to_vn(clock.now());
    let midnight = (local.date_naive() + chrono::Duration::days(1))
        .and_hms_opt(0, 1, 0)
        .unwrap();
    let ahead = midnight - local.naive_local();
    clock.advance(ahead.to_std().unwrap());
    phone.clock().advance(ahead);
    phone
        .account()
        .sign_in_staff("field-hk".into(), dvc_e2e::STAFF_PASSWORD.into())
        .await
        .unwrap();
    let retried = phone.field().retry_wedged(500).unwrap();
    assert_eq!((retried.seq, retried.pending), (1_001, 1));
    assert!(phone.field().wedged().unwrap().is_empty());
    let after = phone.field().sync_with(200).await.unwrap();
    assert_eq!(
        (after.sent, after.rejected, after.pending),
        (1, 0, 0),
        "{after:?}"
    );
    assert!(after.wedged.is_empty());
    assert_eq!(stored(&world), (1_001, 1_000));
    let list = phone.field().worklist().unwrap();
    let shown = list.visits.iter().find(|v| v.id == door.id).unwrap();
    assert_eq!(shown.local_state, LocalState::Done);
    // The old entry is no longer wedged and cannot be retried twice.
    let twice = phone.field().retry_wedged(500).unwrap_err();
    assert_eq!(twice.kind(), dvc_core::ErrorKind::NotFound);

    // Another door pickup for the same person the same day is turned down;
    // the staff member sets it aside with a reason (kept for the audit).
    let second = pickup_at_the_door(&phone, &others[0]);
    let report = phone.field().sync_with(200).await.unwrap();
    assert_eq!(report.wedged.len(), 1, "{report:?}");
    let empty = phone.field().set_aside(second, "  ").unwrap_err();
    assert_eq!(empty.field(), Some("note"));
    let hostile = phone
        .field()
        .set_aside(second, "ok\u{202e}evil")
        .unwrap_err();
    assert_eq!(hostile.field(), Some("note"));
    phone
        .field()
        .set_aside(second, "người dân nộp tại quầy")
        .unwrap();
    assert!(phone.field().wedged().unwrap().is_empty());
    let list = phone.field().worklist().unwrap();
    assert!(list.wedged.is_empty());
    let shown = list.visits.iter().find(|v| v.id == others[0].id).unwrap();
    assert_eq!(
        shown.local_state,
        LocalState::Failed,
        "a set-aside pickup leaves the visit as its earlier attempts left it"
    );
    assert!(phone.field().verify_log().unwrap().is_none());
}

#[tokio::test]
async fn a_batch_refused_as_a_whole_is_narrowed_down_not_resent_for_ever() {
    let world = World::start();
    field_load::make_visits(&world, 2, 0).await;
    let phone = world.staff("field-hk").await;
    let visits = phone.field().refresh_worklist().await.unwrap().visits;
    for i in 0..1_100 {
        fail(&phone, &visits[i % visits.len()]);
    }
    // The server takes at most 1,000 entries a request and refuses the
    // whole of a larger batch: the device halves it and goes on.
    let report = phone.field().sync_with(5_000).await.unwrap();
    assert_eq!(
        (report.acknowledged, report.pending, report.rejected),
        (1_100, 0, 0),
        "{report:?}"
    );
    assert!(report.wedged.is_empty());
    assert_eq!(stored(&world), (1_100, 1_100));
}

#[tokio::test]
async fn acknowledged_entries_are_pruned_after_the_retention_keeping_the_chain_head() {
    let world = World::start();
    field_load::make_visits(&world, 2, 0).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dvc_core::CoreConfig {
        field_log_retention_days: 7,
        ..dvc_core::CoreConfig::new(dir.path().to_string_lossy(), world.server.url())
    };
    let phone = world.open_phone(
        config,
        std::sync::Arc::new(dvc_core::platform::MemorySecureStore::default()),
    );
    phone
        .account()
        .sign_in_staff("field-hk".into(), dvc_e2e::STAFF_PASSWORD.into())
        .await
        .unwrap();
    let visits = phone.field().refresh_worklist().await.unwrap().visits;
    let kept = || -> Vec<u64> {
        let db = rusqlite::Connection::open(dir.path().join(dvc_core::DATABASE_FILE)).unwrap();
        let mut stmt = db
            .prepare("SELECT chain_seq FROM field_log ORDER BY chain_seq")
            .unwrap();
        stmt.query_map([], |r| r.get::<_, i64>(0).map(|s| s as u64))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    for v in visits.iter().cycle().take(4) {
        fail(&phone, v);
    }
    phone.field().sync().await.unwrap();
    assert_eq!(kept(), [1, 2, 3, 4], "within the retention nothing goes");

    // Eight days on (both clocks; the staff member signs in again), one more
    // action waits unsent: the four acknowledged ones go at the next sync,
    // the new one stays and so does its link.
    phone.clock().advance(chrono::Duration::days(8));
    world
        .server
        .state()
        .clock
        .advance(std::time::Duration::from_secs(8 * 24 * 3600));
    phone
        .account()
        .sign_in_staff("field-hk".into(), dvc_e2e::STAFF_PASSWORD.into())
        .await
        .unwrap();
    fail(&phone, &visits[0]);
    let offline = phone.field().pending().unwrap();
    assert_eq!(offline, 1);
    phone.field().sync().await.unwrap();
    assert_eq!(kept(), [5], "the head stays: the chain goes on from it");
    assert!(phone.field().verify_log().unwrap().is_none());
    fail(&phone, &visits[1]);
    let report = phone.field().sync().await.unwrap();
    assert_eq!((report.acknowledged, report.rejected), (1, 0), "{report:?}");
    assert!(report.breaks.is_empty(), "{report:?}");
    assert_eq!(kept(), [5, 6]);
    assert!(phone.field().verify_log().unwrap().is_none());
}
