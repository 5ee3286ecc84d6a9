//! Screen-ready field work: the day's visits in route order with what the
//! device already did on each, the inputs of the three actions, and the
//! sync report.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::model::{Beneficiary, VisitKind};
use super::wedge::WedgedEntry;
use crate::api::model::Delivery;
use crate::tracking::postal::FailReason;

/// Where a visit stands on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum LocalState {
    /// Nothing done yet.
    Todo,
    /// Done here (collected or delivered); waiting to be sent.
    DoneUnsent,
    /// Done here and acknowledged by the server.
    Done,
    /// An attempt failed here (sent or not); may be tried again.
    Failed,
    /// The server turned the latest action down: it is wedged, to be
    /// retried or set aside (see the worklist's `wedged`).
    Rejected,
}

/// One visit on the worklist screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VisitView {
    /// Visit id.
    pub id: String,
    /// Position on the route, from 1.
    pub stop: i32,
    /// Pickup or delivery.
    pub kind: VisitKind,
    /// Household category.
    pub beneficiary: Beneficiary,
    /// Category in Vietnamese.
    pub beneficiary_vi: String,
    /// Dossier code, if any.
    pub dossier_code: Option<String>,
    /// The item to hand over (deliveries).
    pub s10: Option<String>,
    /// Who to meet.
    pub contact_name: String,
    /// Their phone.
    pub contact_phone: String,
    /// Where.
    pub address: String,
    /// Latitude.
    pub latitude: f64,
    /// Longitude.
    pub longitude: f64,
    /// Time window, Vietnam time (`HH:MM–HH:MM dd/mm`).
    pub window_local: String,
    /// Window start (UTC).
    pub window_start: DateTime<Utc>,
    /// Window end (UTC).
    pub window_end: DateTime<Utc>,
    /// What to collect or hand over.
    pub items: Vec<String>,
    /// Fee to collect, in đồng.
    pub fee_vnd: i64,
    /// Failed attempts (server's count plus unsent ones).
    pub failed_attempts: i32,
    /// What this device did.
    pub local_state: LocalState,
}

/// The worklist screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WorklistView {
    /// Staff username.
    pub staff: String,
    /// Office the rounds start from.
    pub office_id: String,
    /// Visits in route order.
    pub visits: Vec<VisitView>,
    /// Route length from the office through every open visit, km.
    pub route_km: f64,
    /// The same visits in window order, km.
    pub unordered_km: f64,
    /// Actions recorded here and not yet sent.
    pub pending: i32,
    /// Actions the server turned down, waiting to be retried or set aside.
    pub wedged: Vec<WedgedEntry>,
}

/// A pickup at the door.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PickupInput {
    /// The visit.
    pub visit_id: String,
    /// The citizen's QR payload as scanned (`DVC1:…`), if they have one.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub qr: Option<String>,
    /// Documents checked and collected (catalogue ids).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub documents: Vec<String>,
    /// Sealed bag number.
    pub sealed_bag: String,
    /// Fee receipt number, when a fee was collected.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fee_receipt: Option<String>,
    /// Photos of the papers collected (paths of JPEG/PNG files the app
    /// took), uploaded with the action.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub photo_files: Vec<String>,
    /// A dossier made at the door (no QR): the procedure.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub new_procedure_code: Option<String>,
    /// A dossier made at the door: the person's phone.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub new_citizen_phone: Option<String>,
    /// A dossier made at the door: how the result comes back.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub new_delivery: Option<Delivery>,
    /// Where, if known.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub latitude: Option<f64>,
    /// Where, if known.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub longitude: Option<f64>,
}

/// A delivery at the door.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeliverInput {
    /// The visit.
    pub visit_id: String,
    /// The item number as scanned or typed.
    pub s10: String,
    /// Who received it.
    pub recipient_name: String,
    /// Relation to the addressee, when someone else received it.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub relation: Option<String>,
    /// Staff checked the recipient's identity document.
    pub identity_checked: bool,
    /// SHA-256 (hex) of a signature image stored by the core before;
    /// empty when `signature_file` is given (then it must match if set).
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub signature_sha256: String,
    /// SHA-256 (hex) of a photo stored by the core before, if any.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub photo_sha256: Option<String>,
    /// The signature image (a PNG or JPEG file the app's signature pad
    /// wrote): stored by the core and uploaded with the action.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub signature_file: Option<String>,
    /// Photos of the delivery (paths), uploaded with the action.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub photo_files: Vec<String>,
    /// Fee receipt number, when a fee was collected.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fee_receipt: Option<String>,
    /// Where, if known.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub latitude: Option<f64>,
    /// Where, if known.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub longitude: Option<f64>,
}

/// A failed attempt.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FailInput {
    /// The visit.
    pub visit_id: String,
    /// Why.
    pub reason: FailReason,
    /// Details.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
    /// Where, if known.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub latitude: Option<f64>,
    /// Where, if known.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub longitude: Option<f64>,
}

/// What recording an action gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ActionReceipt {
    /// Position in the device's log.
    pub seq: i64,
    /// Idempotency key the server applies it under.
    pub key: String,
    /// The entry's hash.
    pub hash: String,
    /// Documents the checklist asks for that were not collected (pickups).
    pub missing: Vec<String>,
    /// True when the citizen's QR verified offline (pickups).
    pub qr_verified: bool,
    /// Actions waiting to be sent, this one included.
    pub pending: i32,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncReport {
    /// Entries sent (counting re-sends).
    pub sent: i32,
    /// Entries the server acknowledged (and left the outbox).
    pub acknowledged: i32,
    /// Entries still waiting.
    pub pending: i32,
    /// Entries the server turned down (stored for the audit).
    pub rejected: i32,
    /// Breaks the server found in the log (names).
    pub breaks: Vec<String>,
    /// Why the sync stopped early, in Vietnamese.
    pub error_vi: Option<String>,
    /// Why the sync stopped early, in English.
    pub error_en: Option<String>,
    /// Actions the server turned down, waiting to be retried or set aside
    /// (all of them, not only this sync's).
    pub wedged: Vec<WedgedEntry>,
}
