//! The JSON shapes of field work, shared by the client and the reference
//! server: the worklist, the actions a device records, and the batch sync.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::model::Delivery;
use crate::tracking::postal::FailReason;

/// The household's category (shared with the checklist's profile): it
/// makes home service free.
pub use crate::catalogue::profile::Beneficiary;

/// Pick a dossier up, or deliver a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// Thu gom hồ sơ: collect a dossier at home.
    Pickup,
    /// Phát kết quả: deliver a result at home.
    Delivery,
}

impl VisitKind {
    /// The API name (`pickup`, `delivery`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pickup => "pickup",
            Self::Delivery => "delivery",
        }
    }

    /// Parses [`VisitKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pickup, Self::Delivery]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Where a visit stands on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum VisitState {
    /// To do.
    Open,
    /// Done (collected or delivered).
    Done,
    /// The last attempt failed; another is due.
    Failed,
    /// Given up: the item went back to the agency.
    Returned,
}

impl VisitState {
    /// The API name (`open`, `done`, `failed`, `returned`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Returned => "returned",
        }
    }

    /// Parses [`VisitState::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Done, Self::Failed, Self::Returned]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One home visit on a staff member's worklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    /// Visit id.
    pub id: String,
    /// Pickup or delivery.
    pub kind: VisitKind,
    /// The household's category.
    pub beneficiary: Beneficiary,
    /// The dossier concerned (absent for a pickup where the dossier is
    /// created on the spot).
    #[serde(default)]
    pub dossier_id: Option<String>,
    /// Its national code.
    #[serde(default)]
    pub dossier_code: Option<String>,
    /// The procedure.
    #[serde(default)]
    pub procedure_code: Option<String>,
    /// The item to deliver (deliveries).
    #[serde(default)]
    pub s10: Option<String>,
    /// Who to meet.
    pub contact_name: String,
    /// Their phone.
    pub contact_phone: String,
    /// Where.
    pub address: String,
    /// Latitude, WGS84 degrees.
    pub latitude: f64,
    /// Longitude, WGS84 degrees.
    pub longitude: f64,
    /// Earliest arrival agreed.
    pub window_start: DateTime<Utc>,
    /// Latest arrival agreed.
    pub window_end: DateTime<Utc>,
    /// What to collect or hand over, in Vietnamese, one line each.
    pub items: Vec<String>,
    /// Fee to collect at the door, in đồng (0 for beneficiaries).
    pub fee_vnd: i64,
    /// Failed attempts so far.
    pub failed_attempts: i32,
    /// Where it stands.
    pub state: VisitState,
}

/// A staff member's worklist as the server sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Worklist {
    /// Staff username.
    pub staff: String,
    /// The office the rounds start from.
    pub office_id: String,
    /// Start point latitude.
    pub start_latitude: f64,
    /// Start point longitude.
    pub start_longitude: f64,
    /// Open and failed visits (returned and done ones are left out).
    pub visits: Vec<Visit>,
}

/// A pickup visit to book (office staff, for a person who cannot come).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewPickup {
    /// The dossier filed online, if any (its code or id); absent when the
    /// staff member creates it at the door.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dossier: Option<String>,
    /// The procedure, when no dossier exists yet.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub procedure_code: Option<String>,
    /// Field staff member (username).
    pub assignee: String,
    /// Household category.
    #[serde(default)]
    pub beneficiary: Beneficiary,
    /// Who to meet.
    pub contact_name: String,
    /// Their phone.
    pub contact_phone: String,
    /// Where.
    pub address: String,
    /// Latitude, WGS84 degrees.
    pub latitude: f64,
    /// Longitude, WGS84 degrees.
    pub longitude: f64,
    /// Earliest arrival.
    pub window_start: DateTime<Utc>,
    /// Latest arrival.
    pub window_end: DateTime<Utc>,
}

/// A citizen asks for a home pickup of their papers: the office puts a
/// pickup visit on a field staff member's worklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PickupRequest {
    /// The office that will send someone.
    pub office_id: String,
    /// The citizen's dossier filed online, if any (code or id).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub dossier: Option<String>,
    /// The procedure, when nothing is filed yet.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub procedure_code: Option<String>,
    /// Household category (pickups are free for beneficiaries).
    #[serde(default)]
    pub beneficiary: Beneficiary,
    /// Who to meet.
    pub contact_name: String,
    /// Where.
    pub address: String,
    /// Latitude, WGS84 degrees, when the phone knows it.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub latitude: Option<f64>,
    /// Longitude, WGS84 degrees, when the phone knows it.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub longitude: Option<f64>,
}

/// A home pickup booked for a citizen: when someone comes, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PickupBooked {
    /// The visit's id.
    pub visit_id: String,
    /// Where.
    pub address: String,
    /// Earliest arrival.
    pub window_start: DateTime<Utc>,
    /// Latest arrival.
    pub window_end: DateTime<Utc>,
    /// The fee to pay at the door, đồng (0 for beneficiaries).
    pub fee_vnd: i64,
}

/// A dossier created at the door, when the person had not filed online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnTheSpot {
    /// National procedure code.
    pub procedure_code: String,
    /// The person's phone (their account, made if new).
    pub citizen_phone: String,
    /// Documents collected (catalogue ids).
    pub documents: Vec<String>,
    /// How the result comes back.
    pub delivery: Delivery,
}

/// What a staff member did, as recorded on the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldAction {
    /// Collected a dossier at home.
    Pickup {
        /// The visit.
        visit_id: String,
        /// The dossier code read from the citizen's QR (verified offline).
        #[serde(default)]
        dossier_code: Option<String>,
        /// True when the QR verified against the cached keyring.
        qr_verified: bool,
        /// Documents checked against the checklist and collected.
        documents: Vec<String>,
        /// Documents the checklist asks for that were missing.
        missing: Vec<String>,
        /// Number of the sealed bag (túi niêm phong).
        sealed_bag: String,
        /// Receipt number of the fee collected, if any.
        #[serde(default)]
        fee_receipt: Option<String>,
        /// Fee collected, in đồng.
        fee_vnd: u64,
        /// The dossier created at the door, when there was none.
        #[serde(default)]
        new_dossier: Option<OnTheSpot>,
        /// SHA-256 (hex) of photos of the papers collected, uploaded with
        /// the action, so the office sees what the sealed bag holds.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        photos: Vec<String>,
    },
    /// Handed a result over.
    Deliver {
        /// The visit.
        visit_id: String,
        /// The item, as scanned or typed (checked against the visit).
        s10: String,
        /// Who received it.
        recipient_name: String,
        /// Their relation to the addressee, when not the addressee.
        #[serde(default)]
        relation: Option<String>,
        /// True when staff checked the recipient's identity document.
        identity_checked: bool,
        /// SHA-256 (hex) of the recipient's signature image, uploaded
        /// with the action.
        signature_sha256: String,
        /// SHA-256 (hex) of the photo the app stored, if one was taken.
        #[serde(default)]
        photo_sha256: Option<String>,
        /// Receipt number of the fee collected, if any.
        #[serde(default)]
        fee_receipt: Option<String>,
        /// SHA-256 (hex) of further photos of the delivery.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        photos: Vec<String>,
    },
    /// A delivery or pickup attempt failed.
    Fail {
        /// The visit.
        visit_id: String,
        /// Why.
        reason: FailReason,
        /// Details.
        #[serde(default)]
        note: Option<String>,
    },
}

impl FieldAction {
    /// The files the action brings, each with what it is: the server
    /// must have them (uploaded by the same account) to apply it.
    pub fn proofs(&self) -> Vec<(crate::files::FileRole, &str)> {
        use crate::files::FileRole;
        match self {
            Self::Pickup { photos, .. } => photos
                .iter()
                .map(|p| (FileRole::PickupPhoto, p.as_str()))
                .collect(),
            Self::Deliver {
                signature_sha256,
                photo_sha256,
                photos,
                ..
            } => std::iter::once((FileRole::Signature, signature_sha256.as_str()))
                .chain(
                    photo_sha256
                        .iter()
                        .chain(photos)
                        .map(|p| (FileRole::DeliveryPhoto, p.as_str())),
                )
                .collect(),
            Self::Fail { .. } => Vec::new(),
        }
    }

    /// The visit the action is about.
    pub fn visit_id(&self) -> &str {
        match self {
            Self::Pickup { visit_id, .. }
            | Self::Deliver { visit_id, .. }
            | Self::Fail { visit_id, .. } => visit_id,
        }
    }

    /// The API name of the action (`pickup`, `deliver`, `fail`).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Pickup { .. } => "pickup",
            Self::Deliver { .. } => "deliver",
            Self::Fail { .. } => "fail",
        }
    }
}

/// The content of one log entry: the action, when and where. Its JSON
/// text is what the entry's hash covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionBody {
    /// When the staff member did it (device clock).
    pub at: DateTime<Utc>,
    /// Where, when the device knew (latitude, WGS84 degrees).
    #[serde(default)]
    pub latitude: Option<f64>,
    /// Longitude, WGS84 degrees.
    #[serde(default)]
    pub longitude: Option<f64>,
    /// What.
    pub action: FieldAction,
}

/// One log entry as sent: the hash-chain fields, the idempotency key and
/// the exact payload text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionEntry {
    /// Idempotency key: the server applies an entry with a given key once.
    pub key: String,
    /// Position in the device's log (1-based).
    pub seq: u64,
    /// The hash of the entry before.
    pub prev_hash: String,
    /// This entry's hash (see `field::chain`).
    pub hash: String,
    /// The [`ActionBody`] as JSON text, byte for byte as hashed.
    pub payload: String,
}

/// A batch of a device's entries, in log order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionBatch {
    /// The device that recorded them.
    pub device_id: String,
    /// The entries.
    pub entries: Vec<ActionEntry>,
}

/// What the server made of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Stored and applied to the visit and the tracks.
    Applied,
    /// Stored; the server's state had moved on (e.g. already delivered),
    /// so it changed nothing.
    Superseded,
    /// Stored for the audit, but it could not apply (unknown visit, wrong
    /// item…); `reason` says why.
    Rejected,
    /// Already stored under this key: nothing done again.
    Duplicate,
    /// Stored for the audit but not applied: its hash chain did not check
    /// out (gap, replay, wrong hash or broken link), so it waits for the
    /// office's decision.
    Quarantined,
}

impl Outcome {
    /// The API name (`applied`, `superseded`, `rejected`, `duplicate`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Superseded => "superseded",
            Self::Rejected => "rejected",
            Self::Duplicate => "duplicate",
            Self::Quarantined => "quarantined",
        }
    }
}

/// The server's answer for one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    /// The entry's key.
    pub key: String,
    /// The entry's seq.
    pub seq: u64,
    /// What happened.
    pub outcome: Outcome,
    /// Why, for `rejected` and `superseded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A break in the device's log found while receiving a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakReport {
    /// The entry where the log broke.
    pub seq: u64,
    /// The break's name (`gap`, `hash_mismatch`, …).
    pub kind: String,
    /// For an auditor, in Vietnamese.
    pub text_vi: String,
    /// For an auditor, in English.
    pub text_en: String,
}

/// The server's answer to an [`ActionBatch`]: every entry acknowledged
/// (stored now or before), and the breaks found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchReply {
    /// One per entry, in order.
    pub acks: Vec<Ack>,
    /// Breaks in the log, if any.
    pub breaks: Vec<BreakReport>,
}
