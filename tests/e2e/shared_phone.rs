//! Shared phones: the account whose data a phone holds is remembered apart
//! from its session, so a lapsed session never hands the next account the
//! worklist, drafts or outbox of the previous one; the outbox belongs to
//! the account that recorded it and waits for it. Sign-out removes drafts
//! (once confirmed), timelines and notifications.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use dvc_core::api::model::{Delivery, StaffRole};
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::field::view::FailInput;
use dvc_core::tracking::postal::FailReason;
use dvc_core::{Core, ErrorKind};
use dvc_e2e::{STAFF_PASSWORD, World, field_load};

fn stored_actions(world: &World) -> u32 {
    world
        .server
        .state()
        .db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM staff_action", [], |r| r.get(0))?))
        .unwrap()
}

fn draft_with_address(core: &Core) {
    core.checklists()
        .start_draft(
            "1.001193",
            &ApplicantProfile::default(),
            &["declaration_form".to_owned()],
            DraftPlan {
                office_id: Some("vnp-hoan-kiem".into()),
                booking_id: None,
                delivery: Delivery::Home {
                    address: "12 Tràng Tiền, Hoàn Kiếm".into(),
                },
            },
        )
        .unwrap();
}

#[tokio::test]
async fn a_lapsed_session_hands_the_next_account_neither_the_worklist_nor_the_outbox() {
    let world = World::start_with(|c| c.settings.staff_token_ttl = Duration::from_secs(2));
    dvc_server::auth::staff::upsert_staff(
        &world.server.state().db,
        "field-hk2",
        STAFF_PASSWORD,
        "vnp-hoan-kiem",
        StaffRole::Field,
    )
    .unwrap();
    field_load::make_visits(&world, 2, 0).await;
    let phone = world.staff("field-hk").await;
    let visits = phone.field().refresh_worklist().await.unwrap().visits;
    for v in visits.iter().cycle().take(3) {
        phone
            .field()
            .fail(FailInput {
                visit_id: v.id.clone(),
                reason: FailReason::NotHome,
                note: None,
                latitude: None,
                longitude: None,
            })
            .unwrap();
    }
    // The first worker's session lapses with 3 actions unsent.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    assert!(phone.account().session().unwrap().is_none());

    let second = phone
        .account()
        .sign_in_staff("field-hk2".into(), STAFF_PASSWORD.into())
        .await
        .unwrap();
    assert_eq!(
        second.others_unsent, 3,
        "the phone holds someone else's work"
    );
    let list = phone.field().worklist().unwrap();
    assert!(list.visits.is_empty(), "names and addresses were wiped");
    assert_eq!((list.pending, list.wedged.len()), (0, 0));
    assert_eq!(phone.field().pending().unwrap(), 0);
    // Syncing sends nothing of the first worker's, under any name.
    let report = phone.field().sync().await.unwrap();
    assert_eq!((report.sent, report.pending), (0, 0));
    assert_eq!(stored_actions(&world), 0);
    // Nor can the second worker sign out from under them... their own
    // outbox is empty, so they may.
    assert_eq!(phone.account().sign_out_check().unwrap().unsent_actions, 0);
    phone.account().sign_out().await.unwrap();

    // The first worker comes back: their 3 actions are still there and go
    // out once, under their own device chain.
    let back = phone
        .account()
        .sign_in_staff("field-hk".into(), STAFF_PASSWORD.into())
        .await
        .unwrap();
    assert_eq!(back.others_unsent, 0);
    assert_eq!(phone.field().pending().unwrap(), 3);
    let report = phone.field().sync().await.unwrap();
    assert_eq!(
        (report.acknowledged, report.pending, report.rejected),
        (3, 0, 0)
    );
    assert!(report.breaks.is_empty(), "{report:?}");
    assert_eq!(stored_actions(&world), 3);
    assert!(phone.field().verify_log().unwrap().is_none());
}

#[tokio::test]
async fn another_citizen_on_the_phone_never_sees_the_drafts_of_a_lapsed_session() {
    let world = World::start_with(|c| c.settings.citizen_token_ttl = Duration::from_secs(2));
    let phone = world.citizen("0912000201").await;
    draft_with_address(&phone);
    assert_eq!(phone.checklists().drafts().unwrap().len(), 1);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    assert!(phone.account().session().unwrap().is_none());
    let sent = phone
        .account()
        .request_code("0912000202".into())
        .await
        .unwrap();
    let code = world.codes.last_code(&sent.phone).unwrap();
    phone
        .account()
        .sign_in_citizen("0912000202".into(), code)
        .await
        .unwrap();
    assert!(phone.checklists().drafts().unwrap().is_empty());
}

#[tokio::test]
async fn signing_out_asks_before_it_deletes_drafts_then_removes_them() {
    let world = World::start();
    let phone = world.citizen("0912000203").await;
    draft_with_address(&phone);
    let check = phone.account().sign_out_check().unwrap();
    assert_eq!((check.drafts, check.unsent_actions), (1, 0));
    let refused = phone.account().sign_out().await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    assert_eq!(refused.reason(), Some("drafts_will_be_lost"));
    assert!(refused.en().contains("1 draft"), "{}", refused.en());
    // Nothing was removed by the refusal; the session is still there.
    assert!(phone.account().session().unwrap().is_some());
    assert_eq!(phone.checklists().drafts().unwrap().len(), 1);
    phone.account().sign_out_with(true).await.unwrap();
    assert!(phone.account().session().unwrap().is_none());
    assert!(phone.checklists().drafts().unwrap().is_empty());
    assert!(phone.tracking().pending_notifications().unwrap().is_empty());
}
