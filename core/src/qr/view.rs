//! Screen-ready results: a code to show, a scan to read out.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::error::QrError;
use crate::api::model::Dossier;

/// A QR code ready to show: the payload text and its drawings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QrImage {
    /// The payload text (`DVC1:…`).
    pub payload: String,
    /// True for a server-signed code; false for a draft's code, which
    /// only pre-fills and must be shown as unverified.
    pub signed: bool,
    /// Caption to show under it, Vietnamese.
    pub caption_vi: String,
    /// Caption to show under it, English.
    pub caption_en: String,
    /// QR version (1–40) at error-correction level M.
    pub version: i32,
    /// SVG document, quiet zone included.
    #[serde(skip)]
    pub svg: String,
    /// PNG image, 8 pixels per module, quiet zone included.
    #[serde(skip)]
    pub png: Vec<u8>,
}

/// Where the dossier shown after a scan came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DossierSource {
    /// Fetched from the server just now.
    Server,
    /// From this device's cache (offline, or the server could not answer).
    Cache,
    /// Nothing but what the code holds.
    CodeOnly,
}

/// What a scanned or typed code says, checked offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Verification {
    /// True when the code is genuine, unaltered, current and not revoked.
    pub valid: bool,
    /// Why not, when not valid.
    pub error: Option<QrError>,
    /// True for a draft's unsigned code: its content may pre-fill a form
    /// but proves nothing.
    pub unverified_draft: bool,
    /// Headline for the person scanning, Vietnamese.
    pub message_vi: String,
    /// Headline for the person scanning, English.
    pub message_en: String,
    /// Dossier code (valid codes only).
    pub dossier_code: Option<String>,
    /// Procedure code (valid codes and drafts).
    pub procedure: Option<String>,
    /// Procedure name, Vietnamese, when the catalogue knows it.
    pub procedure_name_vi: Option<String>,
    /// Procedure name, English, when the catalogue knows it.
    pub procedure_name_en: Option<String>,
    /// Receiving office id, when known on this device.
    pub office_id: Option<String>,
    /// Receiving office name, when known on this device.
    pub office_name: Option<String>,
    /// Appointment start.
    pub appointment: Option<DateTime<Utc>>,
    /// Result delivered home.
    pub home_delivery: bool,
    /// Ids of the documents the person has, when this device's catalogue
    /// is the edition the code was made with.
    pub documents_held: Vec<String>,
    /// How many documents the code marks as held.
    pub documents_held_count: i32,
    /// How many documents the procedure lists.
    pub documents_total: i32,
    /// Signing key id.
    pub key_id: Option<String>,
    /// When the code was issued.
    pub issued_at: Option<DateTime<Utc>>,
    /// When it expires.
    pub expires_at: Option<DateTime<Utc>>,
    /// Seconds since the trusted keys (and revocations) were last fetched
    /// from the server; `None` when none are cached.
    pub keyring_age_secs: Option<i64>,
    /// True when the keys are older than the allowed maximum (default
    /// 24 h): the check still shows, but a revocation since may be missed.
    pub keyring_stale: bool,
}

/// A scan at the counter or a home visit: the verification and, for a
/// valid code, the dossier itself when it can be had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Scan {
    /// The offline verification.
    pub verification: Verification,
    /// The full dossier (server or cache), if available.
    pub dossier: Option<Dossier>,
    /// Where `dossier` came from.
    pub source: DossierSource,
}

impl Verification {
    /// A failed verification with nothing from the code shown.
    pub fn failed(error: QrError) -> Self {
        Self {
            valid: false,
            error: Some(error),
            unverified_draft: false,
            message_vi: error.message_vi().to_owned(),
            message_en: error.message_en().to_owned(),
            dossier_code: None,
            procedure: None,
            procedure_name_vi: None,
            procedure_name_en: None,
            office_id: None,
            office_name: None,
            appointment: None,
            home_delivery: false,
            documents_held: Vec::new(),
            documents_held_count: 0,
            documents_total: 0,
            key_id: None,
            issued_at: None,
            expires_at: None,
            keyring_age_secs: None,
            keyring_stale: false,
        }
    }

    /// Marks how old the keys behind this check are; beyond `max_age_secs`
    /// the result says so in both languages.
    pub fn with_keyring_age(mut self, age_secs: Option<u64>, max_age_secs: u64) -> Self {
        self.keyring_age_secs = age_secs.map(crate::count::long);
        self.keyring_stale = age_secs.is_some_and(|a| a > max_age_secs);
        if self.keyring_stale {
            let hours = age_secs.unwrap_or(0) / 3600;
            self.message_vi.push_str(&format!(
                " (Khoá tin cậy cập nhật cách đây {hours} giờ: có thể chưa biết mã đã bị thu hồi. Kết nối mạng để cập nhật.)"
            ));
            self.message_en.push_str(&format!(
                " (Trusted keys last updated {hours} hours ago: a revocation since may be missing. Go online to update.)"
            ));
        }
        self
    }
}
