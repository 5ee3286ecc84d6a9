//! The JSON shapes of the HTTP API, shared by the client and the reference
//! server so the two cannot drift apart. Described in `docs/openapi.json`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Asks the server to send a one-time sign-in code to a phone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OtpRequest {
    /// Vietnamese mobile number, any common spelling (`0912 345 678`, `+84912345678`).
    pub phone: String,
}

/// The server accepted an [`OtpRequest`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OtpSent {
    /// The number the code went to, normalised (`0912345678`).
    pub phone: String,
    /// Seconds the code stays valid.
    pub expires_in_secs: i32,
}

/// Signs a citizen in with the one-time code they received.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CitizenSignIn {
    /// The phone the code was sent to.
    pub phone: String,
    /// The 6-digit code.
    pub code: String,
}

/// Signs a staff member in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaffSignIn {
    /// Staff username.
    pub username: String,
    /// Staff password.
    pub password: String,
}

/// Kinds of account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Công dân: a person preparing and filing their own procedures.
    Citizen,
    /// Nhân viên: post-office staff serving people.
    Staff,
}

/// What a staff member does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Serves people at the office counter.
    Counter,
    /// Visits people at home (pickups and deliveries).
    Field,
}

impl StaffRole {
    /// The API name (`counter`, `field`).
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Counter => "counter",
            StaffRole::Field => "field",
        }
    }

    /// Parses [`StaffRole::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "counter" => Some(StaffRole::Counter),
            "field" => Some(StaffRole::Field),
            _ => None,
        }
    }
}

/// Who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Principal {
    /// Citizen or staff.
    pub kind: AccountKind,
    /// The account's id on the server.
    pub account_id: String,
    /// The citizen's phone, normalised (citizens only).
    pub phone: Option<String>,
    /// The staff username (staff only).
    pub username: Option<String>,
    /// The office the staff member works at (staff only).
    pub office_id: Option<String>,
    /// Counter or field (staff only).
    pub staff_role: Option<StaffRole>,
}

/// A bearer token granted at sign-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenGrant {
    /// The bearer token; secret.
    pub token: String,
    /// When the token stops working.
    pub expires_at: DateTime<Utc>,
    /// Who the token is for.
    pub principal: Principal,
}

/// The body of every error response.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The kind: one of the names of `ErrorKind::as_str`.
    pub error: String,
    /// The input field at fault, for `invalid_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Why, for `conflict` (e.g. `slot_full`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Vietnamese text.
    pub vi: String,
    /// English text.
    pub en: String,
}

/// Who runs an agent office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// Bưu điện Việt Nam (VNPost).
    VietnamPost,
    /// Viettel Post.
    ViettelPost,
    /// FPT Shop.
    FptShop,
}

/// Đại lý dịch vụ công: an office acting as an online public-service agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Office {
    /// Stable id (e.g. `vnp-hoan-kiem`).
    pub id: String,
    /// Name in Vietnamese.
    pub name: String,
    /// Who runs it.
    pub operator: Operator,
    /// Street address.
    pub address: String,
    /// Commune or ward (xã, phường) under the two-tier geography.
    pub ward: String,
    /// Receiving-unit code used in its dossier codes (`000.00.00.H26`).
    #[serde(default)]
    pub unit_code: String,
    /// Province or centrally run city.
    pub province: String,
    /// Latitude, WGS84 degrees.
    pub latitude: f64,
    /// Longitude, WGS84 degrees.
    pub longitude: f64,
    /// Weekly opening hours; a day with a lunch break has two entries.
    pub hours: Vec<OpeningHours>,
    /// What the agent does: `guidance`, `online_filing`, `digitising`,
    /// `result_delivery`, `home_visits`.
    pub services: Vec<String>,
    /// Counters serving public-service customers.
    pub counters: i32,
    /// People an appointment slot holds.
    pub capacity_per_slot: i32,
    /// True when the record is not fully sourced (see `note`).
    pub sample: bool,
    /// What is sourced and what is sample data.
    pub note: String,
}

/// One opening period on one day of the week, Vietnam time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OpeningHours {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i32,
    /// Opening time, `HH:MM`.
    pub opens: String,
    /// Closing time, `HH:MM`.
    pub closes: String,
}

/// Ưu tiên: why a person is served first (shown to staff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Người cao tuổi: an elderly person.
    Elderly,
    /// Người khuyết tật: a person with a disability.
    Disability,
    /// Phụ nữ mang thai: a pregnant woman.
    Pregnant,
    /// Người có công: a person with meritorious service.
    Merit,
}

impl Priority {
    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Elderly => "elderly",
            Priority::Disability => "disability",
            Priority::Pregnant => "pregnant",
            Priority::Merit => "merit",
        }
    }

    /// Parses [`Priority::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "elderly" => Priority::Elderly,
            "disability" => Priority::Disability,
            "pregnant" => Priority::Pregnant,
            "merit" => Priority::Merit,
            _ => return None,
        })
    }
}

/// An appointment slot at an office and how full it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Slot {
    /// When it starts.
    pub start: DateTime<Utc>,
    /// When it ends.
    pub end: DateTime<Utc>,
    /// People it holds.
    pub capacity: i32,
    /// People booked.
    pub booked: i32,
    /// Places left.
    pub free: i32,
}

/// Whether a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Booked.
    Active,
    /// Cancelled; the place was freed.
    Cancelled,
}

/// Lịch hẹn: an appointment at an agent office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Booking {
    /// Booking id.
    pub id: String,
    /// Office.
    pub office_id: String,
    /// The office's name.
    pub office_name: String,
    /// The office's address.
    pub office_address: String,
    /// Procedure the person comes for.
    pub procedure_code: String,
    /// Slot start.
    pub slot_start: DateTime<Utc>,
    /// Slot end.
    pub slot_end: DateTime<Utc>,
    /// Priority service, if claimed.
    pub priority: Option<Priority>,
    /// Active or cancelled.
    pub status: BookingStatus,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// The citizen's phone (in staff views only).
    pub citizen_phone: Option<String>,
}

/// Books a slot.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewBooking {
    /// Office.
    pub office_id: String,
    /// Start of the slot.
    pub slot_start: DateTime<Utc>,
    /// Procedure code.
    pub procedure_code: String,
    /// Priority claimed, if any.
    #[serde(default)]
    pub priority: Option<Priority>,
}

/// Moves a booking to another slot of the same office.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reschedule {
    /// Start of the new slot.
    pub slot_start: DateTime<Utc>,
}

/// How the result comes back to the person.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Delivery {
    /// Picked up at the receiving office.
    #[default]
    Pickup,
    /// Delivered home by post to `address`.
    Home {
        /// Delivery address (never put in a QR code).
        address: String,
    },
}

/// Creates a dossier on the server.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewDossier {
    /// National procedure code (mã thủ tục).
    pub procedure_code: String,
    /// Receiving office.
    pub office_id: String,
    /// The applicant profile the checklist was made for.
    #[serde(default)]
    pub profile: Option<crate::catalogue::profile::ApplicantProfile>,
    /// Ids of the documents the person has (from the checklist).
    #[serde(default)]
    pub documents: Vec<String>,
    /// The appointment booked for it, if any (an active booking of the
    /// same citizen at the same office).
    #[serde(default)]
    pub booking_id: Option<String>,
    /// Pick up or home delivery.
    #[serde(default)]
    pub delivery: Delivery,
    /// Photos, scans or PDFs of its documents, each uploaded first
    /// (`/v1/uploads`) by the same account.
    #[serde(default)]
    pub pages: Vec<crate::files::model::Page>,
}

/// Hồ sơ: a dossier as the server knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Dossier {
    /// Server id.
    pub id: String,
    /// National dossier code `unit-YYMMDD-NNNN` (absent on dossiers filed
    /// before codes were assigned).
    #[serde(default)]
    pub code: Option<String>,
    /// National procedure code.
    pub procedure_code: String,
    /// Receiving office.
    pub office_id: String,
    /// National status code, 1 (newly submitted) to 10 (result returned).
    pub status_code: i32,
    /// When the server received it.
    pub submitted_at: DateTime<Utc>,
    /// Ids of the documents the person said they have.
    #[serde(default)]
    pub documents: Vec<String>,
    /// The booked appointment's start, if any.
    #[serde(default)]
    pub appointment: Option<DateTime<Utc>>,
    /// Pick up or home delivery.
    #[serde(default)]
    pub delivery: Delivery,
    /// The current signed QR payload (`DVC1:…`), for the owner and staff.
    #[serde(default)]
    pub qr: Option<String>,
    /// The six-digit check printed on the receipt: with the dossier code
    /// it lets anyone holding the receipt follow the dossier publicly.
    /// Shown to the owner only.
    #[serde(default)]
    pub track_check: Option<String>,
    /// The pages filed with it.
    #[serde(default)]
    pub pages: Vec<crate::files::model::Page>,
}

/// Liveness and version of the server.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
    /// The server's version.
    pub version: String,
}
