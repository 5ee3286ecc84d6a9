//! Thông báo: turning new timeline events into notification data for the
//! phone (title and body in Vietnamese and English, and a deep link to the
//! dossier's screen). The native side only shows them.

use serde::{Deserialize, Serialize};

use super::model::{Track, TrackEvent};
use super::status::{status_en, status_vi};

/// The scheme of the apps' deep links.
pub const DEEP_LINK_SCHEME: &str = "dvc";

/// A notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Notification {
    /// Local id, for marking it shown.
    pub id: i64,
    /// The dossier's code (or id).
    pub dossier: String,
    /// Title in Vietnamese.
    pub title_vi: String,
    /// Title in English.
    pub title_en: String,
    /// Body in Vietnamese.
    pub body_vi: String,
    /// Body in English.
    pub body_en: String,
    /// Where tapping it leads (`dvc://dossier/<code>`).
    pub deep_link: String,
}

/// The notification for `event` of `track` (id 0 until stored).
pub fn for_event(track: &Track, event: &TrackEvent) -> Notification {
    let dossier = track
        .dossier_code
        .clone()
        .unwrap_or_else(|| track.dossier_id.clone());
    let (title_vi, title_en) = match event.status_code {
        Some(code) => (
            format!("Hồ sơ: {}", status_vi(code)),
            format!("Dossier: {}", status_en(code)),
        ),
        None => (
            "Kết quả hồ sơ qua bưu điện".to_owned(),
            "Your result by post".to_owned(),
        ),
    };
    Notification {
        id: 0,
        deep_link: format!("{DEEP_LINK_SCHEME}://dossier/{dossier}"),
        body_vi: format!("{dossier}: {}", event.text_vi),
        body_en: format!("{dossier}: {}", event.text_en),
        dossier,
        title_vi,
        title_en,
    }
}
