//! The JSON shapes of tracking, shared by the client and the reference
//! server: a dossier's two tracks with their events, the staff calls that
//! move them, and the home-delivery terms.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::postal::PostalStep;

/// One event on a dossier's timeline (a status change or a postal step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackEvent {
    /// The server's event number: increases with every event it records,
    /// so it doubles as the refresh cursor.
    pub seq: u64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// `status` for a status change, else the [`PostalStep`] name.
    pub kind: String,
    /// The new status, for `status` events.
    #[serde(default)]
    pub status_code: Option<i32>,
    /// The postal item, for postal steps that have one.
    #[serde(default)]
    pub s10: Option<String>,
    /// The attempt number, for delivery attempts.
    #[serde(default)]
    pub attempt: Option<i32>,
    /// What happened, in Vietnamese.
    pub text_vi: String,
    /// What happened, in English.
    pub text_en: String,
}

/// A dossier's tracking as the server knows it. Public by dossier code or
/// S10 number, like the national portal's lookup: it holds no name,
/// address or phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    /// The key the track is kept under: the dossier code, or the item
    /// number for a lookup by S10 (never the server's internal id).
    pub dossier_id: String,
    /// National dossier code.
    pub dossier_code: Option<String>,
    /// National procedure code.
    pub procedure_code: String,
    /// Current status, 1–10.
    pub status_code: i32,
    /// True when the result goes home by post.
    pub home_delivery: bool,
    /// The result's postal item, once handed to the post.
    #[serde(default)]
    pub s10: Option<String>,
    /// The latest postal step, if any.
    #[serde(default)]
    pub postal_step: Option<PostalStep>,
    /// Failed delivery attempts so far.
    #[serde(default)]
    pub failed_attempts: i32,
    /// The date the agency promised the result by (receipt day + the
    /// procedure's time limit in working days), when the limit is known.
    #[serde(default)]
    pub promised_date: Option<NaiveDate>,
    /// The date the result is expected at the door (J+N working days).
    #[serde(default)]
    pub expected_delivery: Option<NaiveDate>,
    /// Events after the `since` cursor of the request, oldest first.
    pub events: Vec<TrackEvent>,
    /// The newest event's `seq` (pass as `since` next time).
    pub cursor: u64,
}

/// The agency records a status change (stands in for the agency's own
/// system feeding the one-stop platform).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusUpdate {
    /// The new status, 1–10.
    pub status_code: u8,
    /// A note for the citizen, in Vietnamese (e.g. what to supplement).
    #[serde(default)]
    pub note_vi: Option<String>,
    /// The same note in English.
    #[serde(default)]
    pub note_en: Option<String>,
    /// Why, as a structured reason the citizen sees (see
    /// [`super::status::REASONS`]); the free-text notes stay with staff.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The agency hands the result to the post for home delivery.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Dispatch {
    /// The item number stuck on the envelope; the server assigns one when
    /// absent.
    #[serde(default)]
    pub s10: Option<String>,
    /// The field staff member who delivers it (username).
    pub assignee: String,
    /// Where the door is (for the route), WGS84 degrees.
    pub latitude: f64,
    /// Longitude, WGS84 degrees.
    pub longitude: f64,
    /// Who receives it (the dossier's applicant).
    pub contact_name: String,
    /// Their phone.
    pub contact_phone: String,
    /// Beneficiary category of the household.
    #[serde(default)]
    pub beneficiary: crate::catalogue::profile::Beneficiary,
}

/// A postal scan by the post's back office (sorting centre, delivery
/// office).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemScan {
    /// `in_transit` or `out_for_delivery`.
    pub step: PostalStep,
}

/// Terms of home delivery of results, shown before the citizen chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryTerms {
    /// The fee for a household that is not a beneficiary, in đồng.
    pub fee_vnd: i64,
    /// Working days from hand-over to the post to the door (J+N).
    pub service_days: i32,
    /// True when the figures are not sourced (sample configuration).
    pub sample: bool,
    /// Where the figures come from.
    pub note: String,
}
