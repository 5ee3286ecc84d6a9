//! The apps' screens as the core builds them, against a real server: a
//! citizen's way from search to the QR and the timeline, the offline
//! copies with their banners, a field worker's visit and sync, the
//! counter's scan, settings kept across restarts, and app links.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use dvc_core::api::model::{Delivery, Priority};
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::platform::MemorySecureStore;
use dvc_core::screen::{Language, Route, TextSize, Tone};
use dvc_e2e::{OFFLINE_URL, World};
use serde_json::json;

const BIRTH: &str = "1.001193";

#[tokio::test]
async fn a_citizen_goes_from_search_to_the_qr_and_the_timeline_in_either_language() {
    let world = World::start();
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemorySecureStore::default());
    let an = world.phone_at(dir.path(), world.server.url(), store.clone());
    let screens = an.screens();

    let sign_in = dvc_core::screen::sign_in(Language::Vi, None);
    assert_eq!(sign_in.title, "Đăng nhập");
    assert_eq!(sign_in.code_sent, None);
    let sent = an
        .account()
        .request_code("0912345678".into())
        .await
        .unwrap();
    let after = dvc_core::screen::sign_in(Language::En, Some(&sent));
    assert!(
        after.code_sent.unwrap().contains("minutes"),
        "expiry in words"
    );
    let otp = world.codes.last_code(&sent.phone).unwrap();
    an.account()
        .sign_in_citizen("0912345678".into(), otp)
        .await
        .unwrap();

    // Home: the search is the phone's own catalogue.
    let home = screens.home(Language::Vi, "khai sinh").unwrap();
    assert_eq!(home.results[0].code, BIRTH, "{:?}", home.results);
    assert!(home.drafts.is_empty());
    assert_eq!(home.next_appointment, None);
    let nothing = screens.home(Language::En, "zzqxv").unwrap();
    assert!(nothing.results_note.is_some());

    // The procedure screen of a new draft: facts, checklist, progress.
    let draft = an
        .checklists()
        .start_draft(
            BIRTH,
            &ApplicantProfile::default(),
            &[],
            DraftPlan::default(),
        )
        .unwrap();
    let p = screens.procedure(Language::Vi, &draft.id).unwrap();
    assert_eq!(p.code, BIRTH);
    assert!(p.facts.iter().any(|f| f.label == "Lệ phí"), "{:?}", p.facts);
    assert!(!p.ready);
    assert_eq!(p.missing.len(), p.documents.len());
    assert!(
        p.documents
            .iter()
            .all(|d| d.tick_label.starts_with("Chưa có"))
    );
    for d in &p.documents {
        an.checklists().tick(&draft.id, &d.id, true).unwrap();
    }
    let p = screens.procedure(Language::En, &draft.id).unwrap();
    assert!(p.ready, "{:?}", p.warnings);
    assert!(p.missing.is_empty());
    assert_eq!(p.progress_percent, 100);
    assert!(
        p.documents
            .iter()
            .all(|d| d.tick_label.starts_with("Have it"))
    );
    assert!(!p.summary.is_empty());
    let home = screens.home(Language::En, "").unwrap();
    assert_eq!(home.drafts[0].id, draft.id);
    assert_eq!(home.drafts[0].progress_percent, 100);

    // Offices near Hoàn Kiếm lake, then a day's slots and a booking.
    let offices = screens
        .offices(Language::Vi, Some((21.0287, 105.8524)))
        .await
        .unwrap();
    let first = &offices.offices[0];
    assert_eq!(first.id, "vnp-hoan-kiem", "{:?}", offices.offices);
    assert!(
        first.distance.as_deref().unwrap().ends_with(" m"),
        "{:?}",
        first.distance
    );
    assert!(
        first
            .map_url
            .starts_with("https://www.google.com/maps/search/?api=1&query=21.")
    );
    assert!(!first.hours.is_empty());
    let (day, _) = world.bookable_day("vnp-hoan-kiem").await;
    let slots = screens
        .slots(Language::Vi, "vnp-hoan-kiem", &day, "elderly", false)
        .await
        .unwrap();
    assert_eq!(slots.date, day);
    assert!(slots.days.iter().any(|d| d.id == day && d.selected));
    assert!(
        slots
            .priorities
            .iter()
            .any(|c| c.id == "elderly" && c.selected)
    );
    assert_eq!(slots.stale, None);
    let slot = slots.slots.iter().find(|s| s.bookable).unwrap();
    let booking = an
        .bookings()
        .book(
            "vnp-hoan-kiem".into(),
            slot.start,
            BIRTH.into(),
            Some(Priority::Elderly),
        )
        .await
        .unwrap();
    let list = screens.appointments(Language::Vi).await.unwrap();
    assert_eq!(list.upcoming.len(), 1);
    let row = &list.upcoming[0];
    assert_eq!(row.booking_id, booking.id);
    assert!(row.changeable);
    assert_eq!(row.priority.as_deref(), Some("Người cao tuổi"));
    assert!(!row.reminders.is_empty(), "reminders to schedule");
    assert!(row.reminders.iter().all(|r| r.at <= slot.start));
    assert_eq!(list.offline, None);
    let home = screens.home(Language::Vi, "").unwrap();
    assert_eq!(home.next_appointment.unwrap().booking_id, booking.id);

    // Filing: the booked office is fixed, home delivery shows its fee.
    an.checklists()
        .set_plan(
            &draft.id,
            DraftPlan {
                office_id: Some("vnp-hoan-kiem".into()),
                booking_id: Some(booking.id.clone()),
                delivery: Delivery::Home {
                    address: "12 Tràng Tiền, Hoàn Kiếm".into(),
                },
            },
        )
        .unwrap();
    let filing = screens.filing(Language::En, &draft.id).await.unwrap();
    assert!(filing.can_file, "{:?}", filing.blockers);
    assert_eq!(filing.offices.len(), 1);
    assert!(filing.office_note.is_some());
    let home_choice = filing.deliveries.iter().find(|c| c.id == "home").unwrap();
    assert!(home_choice.selected);
    assert!(home_choice.label.contains("VND") || home_choice.label.contains("Free"));
    assert_eq!(filing.address, "12 Tràng Tiền, Hoàn Kiếm");
    let dossier = an.dossiers().submit(draft.id.clone()).await.unwrap();
    let qr = screens.dossier_qr(Language::Vi, &dossier.id).unwrap();
    assert!(qr.png.starts_with(b"\x89PNG"));
    assert!(qr.full_brightness);
    assert_eq!(Some(qr.dossier_code.clone()), dossier.code);
    assert!(qr.image_label.contains(&qr.dossier_code));
    assert!(qr.track_check.is_some());

    // Tracking: online, then the stored copy with its banner.
    let code = dossier.code.clone().unwrap();
    let (st, _) = world
        .agency(
            "counter-hk",
            &format!("/v1/staff/dossiers/{code}/status"),
            json!({ "status_code": 2 }),
        )
        .await;
    assert_eq!(st, 200);
    let track = screens.track(Language::Vi, &code).await.unwrap();
    assert_eq!(track.title, format!("Hồ sơ {code}"));
    assert_eq!(track.stale, None);
    assert!(track.events.len() >= 2, "{:?}", track.events);
    assert!(track.facts.iter().any(|f| f.label == "Hẹn trả kết quả"));
    drop(an);
    let offline = world.phone_at(dir.path(), OFFLINE_URL, store.clone());
    let stale = offline.screens().track(Language::En, &code).await.unwrap();
    assert_eq!(stale.stale.as_ref().map(|n| n.tone), Some(Tone::Warning));
    assert_eq!(stale.events, track_in(&offline, &code).await);
    let list = offline.screens().appointments(Language::En).await.unwrap();
    assert_eq!(list.offline.as_ref().map(|n| n.tone), Some(Tone::Warning));
    assert_eq!(list.upcoming.len(), 1, "the stored copy");
    let slots = offline
        .screens()
        .slots(Language::En, "vnp-hoan-kiem", &day, "none", true)
        .await
        .unwrap();
    assert!(slots.stale.is_some(), "slots seen before, marked stale");
    assert_eq!(slots.book_label, "Move to this time");
    // Home works with no network at all.
    let home = offline.screens().home(Language::Vi, "khai sinh").unwrap();
    assert_eq!(home.results[0].code, BIRTH);
}

/// The stored timeline of `code`, as the stale screen shows it.
async fn track_in(core: &dvc_core::Core, code: &str) -> Vec<dvc_core::screen::EventRow> {
    core.screens()
        .track(Language::En, code)
        .await
        .unwrap()
        .events
}

#[tokio::test]
async fn settings_are_kept_on_the_phone_across_restarts_and_sign_out() {
    let world = World::start();
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemorySecureStore::default());
    let an = world.phone_at(dir.path(), world.server.url(), store.clone());
    let screens = an.screens();
    assert_eq!(
        screens.language("en-GB").unwrap(),
        Language::En,
        "the phone's, before a choice"
    );
    assert_eq!(screens.language("vi-VN").unwrap(), Language::Vi);
    screens.set_language(Language::En).unwrap();
    screens.set_text_size(TextSize::Largest).unwrap();
    let s = screens.settings(Language::En).unwrap();
    assert_eq!(s.account, None);
    assert!(s.text_sizes.iter().any(|c| c.id == "largest" && c.selected));
    assert!((s.text_scale - 1.6).abs() < 1e-6);
    drop(an);
    let an = world.phone_at(dir.path(), world.server.url(), store.clone());
    assert_eq!(
        an.screens().language("vi-VN").unwrap(),
        Language::En,
        "kept"
    );
    assert_eq!(an.screens().text_size().unwrap(), TextSize::Largest);
    let sent = an
        .account()
        .request_code("0912000111".into())
        .await
        .unwrap();
    let otp = world.codes.last_code(&sent.phone).unwrap();
    an.account()
        .sign_in_citizen("0912000111".into(), otp)
        .await
        .unwrap();
    an.checklists()
        .create_draft(BIRTH, &ApplicantProfile::default())
        .unwrap();
    let s = an.screens().settings(Language::Vi).unwrap();
    assert!(s.account.unwrap().contains("912000111"));
    let warning = s.sign_out_warning.unwrap();
    assert!(warning.text.contains("1 hồ sơ"), "{}", warning.text);
    an.account().sign_out_with(true).await.unwrap();
    assert_eq!(
        an.screens().language("vi").unwrap(),
        Language::En,
        "a phone setting"
    );
}

#[tokio::test]
async fn a_field_visit_scans_checks_records_offline_and_syncs() {
    let world = World::start();
    let citizen = world.citizen("0911222333").await;
    let draft = citizen
        .checklists()
        .start_draft(
            BIRTH,
            &ApplicantProfile::default(),
            &["declaration_form".into()],
            DraftPlan {
                office_id: Some("vnp-hoan-kiem".into()),
                booking_id: None,
                delivery: Delivery::Pickup,
            },
        )
        .unwrap();
    let dossier = citizen.dossiers().submit(draft.id).await.unwrap();
    let code = dossier.code.clone().unwrap();
    let desk = world.staff("counter-hk").await;
    let start = world.now() + chrono::Duration::hours(2);
    let visit = desk
        .desk()
        .book_pickup(dvc_core::field::model::NewPickup {
            dossier: Some(code.clone()),
            procedure_code: None,
            assignee: "field-hk".into(),
            beneficiary: dvc_core::catalogue::profile::Beneficiary::None,
            contact_name: "Lê Thị Hoa".into(),
            contact_phone: "0911222333".into(),
            address: "3 Hàng Khay, Hoàn Kiếm".into(),
            latitude: 21.0255,
            longitude: 105.8520,
            window_start: start,
            window_end: start + chrono::Duration::hours(2),
        })
        .await
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemorySecureStore::default());
    let online = world.phone_at(dir.path(), world.server.url(), store.clone());
    online
        .account()
        .sign_in_staff("field-hk".into(), dvc_e2e::STAFF_PASSWORD.into())
        .await
        .unwrap();
    let list = online.screens().worklist(Language::Vi).await.unwrap();
    assert_eq!(list.offline, None);
    assert_eq!(list.visits.len(), 1);
    assert_eq!(list.visits[0].title, "1. Thu gom hồ sơ");
    assert!(list.route.starts_with("Lộ trình "), "{}", list.route);
    drop(online);

    let offline = world.phone_at(dir.path(), OFFLINE_URL, store.clone());
    let list = offline.screens().worklist(Language::En).await.unwrap();
    assert!(list.offline.is_some(), "the stored list, marked");
    assert_eq!(list.visits[0].state, "To do");
    let screen = offline
        .screens()
        .visit(Language::Vi, &visit.id, None)
        .unwrap();
    let form = screen.pickup.unwrap();
    assert_eq!(form.scan, None);
    assert!(screen.delivery.is_none());
    assert_eq!(screen.fail_reasons.len(), 5);
    assert!(form.fee.contains("₫"), "{}", form.fee);
    assert!(form.receipt_label.is_some());
    let payload = dossier.qr.clone().unwrap();
    let scanned = offline
        .screens()
        .visit(Language::Vi, &visit.id, Some(&payload))
        .unwrap()
        .pickup
        .unwrap();
    assert_eq!(
        scanned.scan.as_ref().unwrap().tone,
        Tone::Success,
        "{:?}",
        scanned.scan
    );
    assert!(
        scanned
            .documents
            .iter()
            .any(|d| d.id == "declaration_form" && d.selected)
    );
    let forged = offline
        .screens()
        .visit(Language::En, &visit.id, Some("DVC1:not-a-code"))
        .unwrap()
        .pickup
        .unwrap();
    assert_eq!(forged.scan.unwrap().tone, Tone::Error);
    let missing = offline
        .screens()
        .visit(Language::En, "nope", None)
        .unwrap_err();
    assert_eq!(missing.kind(), dvc_core::ErrorKind::NotFound);

    offline
        .field()
        .pickup(dvc_core::field::view::PickupInput {
            visit_id: visit.id.clone(),
            qr: Some(payload),
            documents: vec!["declaration_form".into()],
            sealed_bag: "TUI-000123".into(),
            fee_receipt: Some("BL-1".into()),
            photo_files: vec![],
            new_procedure_code: None,
            new_citizen_phone: None,
            new_delivery: None,
            latitude: None,
            longitude: None,
        })
        .unwrap();
    let status = offline.screens().sync_status(Language::Vi).unwrap();
    assert_eq!(status.waiting, "1 thao tác chờ gửi.");
    let tried = offline.screens().sync(Language::En).await.unwrap();
    assert_eq!(
        tried.result.as_ref().unwrap().tone,
        Tone::Warning,
        "{:?}",
        tried.result
    );
    assert_eq!(tried.waiting, "1 action waiting to be sent.");
    let list = offline.screens().worklist(Language::Vi).await.unwrap();
    assert_eq!(list.visits[0].state, "Đã xong, chưa gửi");
    assert!(list.unsent.is_some());
    drop(offline);

    let online = world.phone_at(dir.path(), world.server.url(), store.clone());
    let done = online.screens().sync(Language::Vi).await.unwrap();
    assert_eq!(
        done.result.as_ref().unwrap().tone,
        Tone::Success,
        "{:?}",
        done.result
    );
    assert_eq!(done.waiting, "Không có thao tác nào chờ gửi.");
    assert!(
        online
            .screens()
            .sync_progress(Language::En, 3, 2)
            .contains("3 sent")
    );
}

#[tokio::test]
async fn the_counter_sees_a_genuine_code_and_refuses_a_forged_one() {
    let world = World::start();
    let citizen = world.citizen("0911222444").await;
    let draft = citizen
        .checklists()
        .start_draft(
            BIRTH,
            &ApplicantProfile::default(),
            &["declaration_form".into()],
            DraftPlan {
                office_id: Some("vnp-hoan-kiem".into()),
                booking_id: None,
                delivery: Delivery::Pickup,
            },
        )
        .unwrap();
    let dossier = citizen.dossiers().submit(draft.id).await.unwrap();
    let clerk = world.staff("counter-hk").await;
    clerk.qr().refresh_keys().await.unwrap();
    let payload = dossier.qr.unwrap();
    let screen = clerk.screens().counter_scan(Language::Vi, &payload).await;
    assert_eq!(screen.verdict.tone, Tone::Success, "{:?}", screen.verdict);
    assert!(
        screen
            .facts
            .iter()
            .any(|f| Some(&f.value) == dossier.code.as_ref())
    );
    assert_eq!(screen.documents.len(), 1, "{:?}", screen.documents);
    assert_eq!(screen.dossier_id.as_deref(), Some(dossier.id.as_str()));
    let mut forged = payload.clone();
    forged.replace_range(20..21, if &payload[20..21] == "A" { "B" } else { "A" });
    let refused = clerk.screens().counter_scan(Language::En, &forged).await;
    assert_eq!(refused.verdict.tone, Tone::Error);
    assert_eq!(refused.dossier_id, None);
    assert!(refused.documents.is_empty());
}

#[test]
fn app_links_open_the_dossier_or_the_booking() {
    assert_eq!(
        dvc_core::screen::route("dvc://dossier/000.00.00.H26-261202-0001"),
        Some(Route::Dossier {
            key: "000.00.00.H26-261202-0001".into()
        })
    );
    assert_eq!(dvc_core::screen::route("dvc://dossier/../../etc"), None);
}

#[tokio::test]
async fn the_buttons_take_the_ids_the_screens_hand_out_and_refuse_others() {
    use dvc_core::screen::StartScreen;
    let world = World::start();
    assert_eq!(
        world.phone().screens().start().unwrap(),
        StartScreen::SignIn
    );
    assert_eq!(
        world.staff("field-hk").await.screens().start().unwrap(),
        StartScreen::Worklist
    );
    assert_eq!(
        world.staff("counter-hk").await.screens().start().unwrap(),
        StartScreen::Counter
    );
    let an = world.citizen("0912333444").await;
    let screens = an.screens();
    assert_eq!(screens.start().unwrap(), StartScreen::Home);

    let draft = an
        .checklists()
        .start_draft(
            BIRTH,
            &ApplicantProfile::default(),
            &[],
            DraftPlan::default(),
        )
        .unwrap();
    let before = screens.procedure(Language::Vi, &draft.id).unwrap();
    let q = before
        .questions
        .iter()
        .find(|q| q.id == "has_birth_certificate")
        .unwrap();
    assert!(q.answer);
    screens.answer(&draft.id, &q.id, false).unwrap();
    let after = screens.procedure(Language::Vi, &draft.id).unwrap();
    let q = after
        .questions
        .iter()
        .find(|q| q.id == "has_birth_certificate")
        .unwrap();
    assert_eq!((q.answer, q.answer_text.as_str()), (false, "Không"));
    assert_ne!(
        before.documents.iter().map(|d| &d.id).collect::<Vec<_>>(),
        after.documents.iter().map(|d| &d.id).collect::<Vec<_>>(),
        "the answer changes the papers"
    );

    let (day, _) = world.bookable_day("vnp-cau-giay").await;
    let slots = screens
        .slots(Language::En, "vnp-cau-giay", &day, "none", false)
        .await
        .unwrap();
    let slot = slots.slots.iter().find(|s| s.bookable).unwrap();
    let err = screens
        .book(&draft.id, "vnp-cau-giay", slot.start, "vip")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), dvc_core::ErrorKind::InvalidData);
    let booking = screens
        .book(&draft.id, "vnp-cau-giay", slot.start, "merit")
        .await
        .unwrap();
    let plan = an.checklists().draft(&draft.id).unwrap().plan;
    assert_eq!(plan.booking_id.as_deref(), Some(booking.id.as_str()));
    assert_eq!(plan.office_id.as_deref(), Some("vnp-cau-giay"));

    screens
        .choose_delivery(&draft.id, "home", "5 Cầu Giấy")
        .unwrap();
    assert!(matches!(
        an.checklists().draft(&draft.id).unwrap().plan.delivery,
        Delivery::Home { .. }
    ));
    for (what, err) in [
        (
            "delivery",
            screens.choose_delivery(&draft.id, "drone", "").unwrap_err(),
        ),
        ("case", screens.choose_case(&draft.id, "one").unwrap_err()),
        ("language", screens.choose_language("fr").unwrap_err()),
        ("text_size", screens.choose_text_size("huge").unwrap_err()),
        (
            "reason",
            screens.fail_visit("v", "tired", "", None).unwrap_err(),
        ),
    ] {
        assert_eq!(err.field(), Some(what), "{err:?}");
        assert!(err.vi().contains("Lựa chọn không hợp lệ"), "{}", err.vi());
    }
    assert_eq!(screens.choose_language("en").unwrap(), Language::En);
    assert_eq!(screens.language("vi").unwrap(), Language::En);
}
