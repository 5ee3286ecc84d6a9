//! Screen-ready tracking: what the dossier screen shows, with texts in
//! both languages, local times, dates as `YYYY-MM-DD`, and the late
//! warning worked out.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::late::late_warning;
use super::model::Track;
use super::postal::PostalStep;
use super::status::{status_en, status_vi};
use crate::time::{format_vn, to_vn};

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrackEventView {
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// When, Vietnam time, `dd/mm/yyyy HH:MM`.
    pub at_local: String,
    /// `status` or a postal step name.
    pub kind: String,
    /// In Vietnamese.
    pub text_vi: String,
    /// In English.
    pub text_en: String,
}

/// The tracking screen of one dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrackView {
    /// Server id.
    pub dossier_id: String,
    /// National dossier code.
    pub dossier_code: Option<String>,
    /// Procedure code.
    pub procedure_code: String,
    /// Status, 1–10.
    pub status_code: i32,
    /// Status in Vietnamese.
    pub status_vi: String,
    /// Status in English.
    pub status_en: String,
    /// True when the result comes home by post.
    pub home_delivery: bool,
    /// The result's item number, once with the post.
    pub s10: Option<String>,
    /// The latest postal step.
    pub postal_step: Option<PostalStep>,
    /// That step in Vietnamese.
    pub postal_vi: Option<String>,
    /// That step in English.
    pub postal_en: Option<String>,
    /// Failed delivery attempts.
    pub failed_attempts: i32,
    /// Promised result date, `YYYY-MM-DD`.
    pub promised_date: Option<String>,
    /// Expected delivery date at the door, `YYYY-MM-DD`.
    pub expected_delivery: Option<String>,
    /// Late warning in Vietnamese.
    pub late_vi: Option<String>,
    /// Late warning in English.
    pub late_en: Option<String>,
    /// The timeline, newest first.
    pub events: Vec<TrackEventView>,
    /// When the device last heard from the server.
    pub refreshed_at: DateTime<Utc>,
    /// True when this is the stored copy because the server was out of reach.
    pub stale: bool,
}

fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The view of `track` as of `now`.
pub fn view(
    track: &Track,
    refreshed_at: DateTime<Utc>,
    stale: bool,
    now: DateTime<Utc>,
) -> TrackView {
    let late = late_warning(track, to_vn(now).date_naive());
    TrackView {
        dossier_id: track.dossier_id.clone(),
        dossier_code: track.dossier_code.clone(),
        procedure_code: track.procedure_code.clone(),
        status_code: track.status_code,
        status_vi: status_vi(track.status_code).to_owned(),
        status_en: status_en(track.status_code).to_owned(),
        home_delivery: track.home_delivery,
        s10: track.s10.clone(),
        postal_step: track.postal_step,
        postal_vi: track.postal_step.map(|s| s.name_vi().to_owned()),
        postal_en: track.postal_step.map(|s| s.name_en().to_owned()),
        failed_attempts: track.failed_attempts,
        promised_date: date(track.promised_date),
        expected_delivery: date(track.expected_delivery),
        late_vi: late.as_ref().map(|l| l.text_vi.clone()),
        late_en: late.map(|l| l.text_en),
        events: track
            .events
            .iter()
            .rev()
            .map(|e| TrackEventView {
                at: e.at,
                at_local: format_vn(e.at),
                kind: e.kind.clone(),
                text_vi: e.text_vi.clone(),
                text_en: e.text_en.clone(),
            })
            .collect(),
        refreshed_at,
        stale,
    }
}
