//! A field staff member's heavy day, shared by the sync reliability test
//! (`cli/tests/staff_sync_kills.rs`) and the sync benchmark
//! (`tests/benches/field_sync.rs`): visits on `field-hk`'s list, then many
//! actions recorded offline on one device.

use std::collections::BTreeMap;

use chrono::Duration;
use dvc_core::Core;
use dvc_core::api::model::Delivery;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::field::model::VisitKind;
use dvc_core::field::view::{DeliverInput, FailInput, PickupInput, VisitView};
use dvc_core::tracking::postal::FailReason;
use serde_json::json;

use crate::World;

/// The person whose dossiers are made at the door by the recorded pickups.
pub const DOOR_PHONE: &str = "0912000111";
/// The citizen whose results are delivered home.
pub const HOME_PHONE: &str = "0987000111";
/// SHA-256 of a stored signature (any 64 hex digits will do).
/// The procedure used throughout (birth registration).
const PROCEDURE: &str = "1.001193";
const DOCUMENTS: [&str; 2] = ["declaration_form", "birth_certificate"];

/// Books `pickups` home pickups (no dossier yet: it is made at the door)
/// and dispatches `deliveries` results for home delivery, all on
/// `field-hk`'s list.
pub async fn make_visits(world: &World, pickups: usize, deliveries: usize) {
    for i in 0..pickups {
        let start = world.now() + Duration::hours(1 + i as i64);
        let (status, body) = world
            .agency(
                "counter-hk",
                "/v1/staff/visits",
                json!({
                    "procedure_code": PROCEDURE,
                    "assignee": "field-hk",
                    "beneficiary": "none",
                    "contact_name": format!("Khách {i}"),
                    "contact_phone": "0912345678",
                    "address": format!("{} Hàng Bài, Hoàn Kiếm", i + 1),
                    "latitude": 21.02 + i as f64 * 0.001,
                    "longitude": 105.85 + i as f64 * 0.0007,
                    "window_start": start,
                    "window_end": start + Duration::hours(1),
                }),
            )
            .await;
        assert_eq!(status, 201, "pickup visit: {body}");
    }
    if deliveries == 0 {
        return;
    }
    let citizen = world.citizen(HOME_PHONE).await;
    for i in 0..deliveries {
        let draft = citizen
            .checklists()
            .start_draft(
                PROCEDURE,
                &ApplicantProfile::default(),
                &DOCUMENTS.map(String::from),
                DraftPlan {
                    office_id: Some("vnp-hoan-kiem".into()),
                    booking_id: None,
                    delivery: Delivery::Home {
                        address: format!("{} Tràng Tiền, Hoàn Kiếm", i + 1),
                    },
                },
            )
            .unwrap();
        let dossier = citizen.dossiers().submit(draft.id).await.unwrap();
        let code = dossier.code.unwrap();
        for status in [2, 4, 9] {
            let (st, body) = world
                .agency(
                    "counter-hk",
                    &format!("/v1/staff/dossiers/{code}/status"),
                    json!({ "status_code": status }),
                )
                .await;
            assert!((200..300).contains(&st), "status {status}: {st} {body}");
        }
        let (st, body) = world
            .agency(
                "counter-hk",
                &format!("/v1/staff/dossiers/{code}/dispatch"),
                json!({
                    "assignee": "field-hk",
                    "latitude": 21.0245 + i as f64 * 0.001, "longitude": 105.8560,
                    "contact_name": "Nguyễn Văn An", "contact_phone": HOME_PHONE,
                    "beneficiary": "none"
                }),
            )
            .await;
        assert_eq!(st, 201, "dispatch: {body}");
    }
}

/// What [`record`] recorded.
#[derive(Debug, Default)]
pub struct Recorded {
    /// Failed attempts recorded, by visit id.
    pub fails: BTreeMap<String, u32>,
    /// Visits completed (picked up or delivered), in order.
    pub completed: Vec<String>,
    /// Pickups that made a dossier at the door (for [`DOOR_PHONE`]).
    pub door_dossiers: u32,
}

/// Records `n` actions on the worklist stored in `core` (offline): failed
/// attempts round the open visits, and a quarter, half and three quarters
/// in one visit completed (a pickup that makes the dossier at the door, a
/// delivery, another pickup), as long as two visits stay open.
pub fn record(core: &Core, n: usize) -> Recorded {
    let mut open: Vec<VisitView> = core.field().worklist().unwrap().visits;
    assert!(!open.is_empty(), "no visits stored: refresh the worklist");
    let mut done = Recorded::default();
    for i in 0..n {
        let wanted = match i {
            _ if i == n / 2 => Some(VisitKind::Delivery),
            _ if i == n / 4 || i == 3 * n / 4 => Some(VisitKind::Pickup),
            _ => None,
        };
        let finish = wanted
            .filter(|_| open.len() > 2)
            .and_then(|kind| open.iter().position(|v| v.kind == kind));
        if let Some(pos) = finish {
            let visit = open.remove(pos);
            complete(core, &visit, i);
            if visit.kind == VisitKind::Pickup {
                done.door_dossiers += 1;
            }
            done.completed.push(visit.id);
            continue;
        }
        let visit = &open[i % open.len()];
        core.field()
            .fail(FailInput {
                visit_id: visit.id.clone(),
                reason: FailReason::NotHome,
                note: (i % 7 == 0).then(|| format!("lần {i}")),
                latitude: Some(21.03),
                longitude: Some(105.85),
            })
            .unwrap();
        *done.fails.entry(visit.id.clone()).or_default() += 1;
    }
    done
}

fn complete(core: &Core, visit: &VisitView, i: usize) {
    let receipt = (visit.fee_vnd > 0).then(|| format!("BL-{i}"));
    match visit.kind {
        VisitKind::Pickup => core
            .field()
            .pickup(PickupInput {
                visit_id: visit.id.clone(),
                qr: None,
                documents: DOCUMENTS.map(String::from).to_vec(),
                sealed_bag: format!("TUI-{i}"),
                fee_receipt: receipt,
                photo_files: Vec::new(),
                new_procedure_code: Some(PROCEDURE.into()),
                new_citizen_phone: Some(DOOR_PHONE.into()),
                new_delivery: None,
                latitude: Some(visit.latitude),
                longitude: Some(visit.longitude),
            })
            .unwrap(),
        VisitKind::Delivery => core
            .field()
            .deliver(DeliverInput {
                visit_id: visit.id.clone(),
                s10: visit.s10.clone().unwrap(),
                recipient_name: "Nguyễn Văn An".into(),
                relation: None,
                identity_checked: true,
                signature_sha256: String::new(),
                photo_sha256: None,
                signature_file: Some(crate::files::signature_file()),
                photo_files: Vec::new(),
                fee_receipt: receipt,
                latitude: Some(visit.latitude),
                longitude: Some(visit.longitude),
            })
            .unwrap(),
    };
}
