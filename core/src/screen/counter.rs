//! Kiểm tra tại quầy: the clerk scans the citizen's QR and sees the
//! dossier — whether the code is genuine (verified offline against the
//! trusted keys), the dossier as the server has it when it is reachable,
//! the papers the citizen said they hold.

use serde::Serialize;

use super::{Fact, Language, Notice, ScreenService, Tone, format};
use crate::qr::view::DossierSource;

/// The counter's scan screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CounterScreen {
    /// Title.
    pub title: String,
    /// Genuine or not, and why.
    pub verdict: Notice,
    /// Dossier code, procedure, office, appointment, delivery, papers.
    pub facts: Vec<Fact>,
    /// Heading of the papers.
    pub documents_title: String,
    /// Names of the papers the citizen said they hold.
    pub documents: Vec<String>,
    /// Where the dossier's details come from (server, stored, the code only).
    pub source: String,
    /// The dossier's server id, when known (opens its pages).
    pub dossier_id: Option<String>,
    /// Button: scan another.
    pub scan_label: String,
}

impl ScreenService {
    /// The counter screen of a scanned QR `payload`.
    pub async fn counter_scan(&self, lang: Language, payload: &str) -> CounterScreen {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let scan = self.qr().scan(payload.to_owned()).await;
        let v = &scan.verification;
        let tone = if v.valid && !v.keyring_stale && !v.unverified_draft {
            Tone::Success
        } else if v.valid || v.unverified_draft {
            Tone::Warning
        } else {
            Tone::Error
        };
        let mut facts = Vec::new();
        if let Some(code) = &v.dossier_code {
            facts.push(Fact::new(
                lang.pick("Mã hồ sơ", "Dossier code"),
                code.clone(),
            ));
        }
        let procedure = match (lang, &v.procedure_name_vi, &v.procedure_name_en) {
            (Language::En, _, Some(en)) => Some(en.clone()),
            (_, Some(vi), _) => Some(vi.clone()),
            _ => v.procedure.clone(),
        };
        if let Some(p) = procedure {
            facts.push(Fact::new(lang.pick("Thủ tục", "Procedure"), p));
        }
        if let Some(office) = v.office_name.clone().or(v.office_id.clone()) {
            facts.push(Fact::new(
                lang.pick("Nơi tiếp nhận", "Receiving office"),
                office,
            ));
        }
        if let Some(at) = v.appointment {
            facts.push(Fact::new(
                lang.pick("Lịch hẹn", "Appointment"),
                format::date_time(at, lang),
            ));
        }
        if v.valid {
            facts.push(Fact::new(
                lang.pick("Nhận kết quả", "Result"),
                if v.home_delivery {
                    t("Giao tận nhà", "Home delivery")
                } else {
                    t("Nhận tại điểm phục vụ", "Collect at the office")
                },
            ));
            facts.push(Fact::new(
                lang.pick("Giấy tờ người dân đã có", "Papers the citizen holds"),
                format!("{}/{}", v.documents_held_count, v.documents_total),
            ));
        }
        let names = v
            .procedure
            .as_deref()
            .and_then(|code| self.catalogue().procedure(code).ok());
        let documents = v
            .documents_held
            .iter()
            .map(|id| {
                names
                    .as_ref()
                    .and_then(|p| p.documents.iter().find(|d| &d.id == id))
                    .map(|d| lang.pick(&d.name_vi, &d.name_en).to_owned())
                    .unwrap_or_else(|| id.clone())
            })
            .collect();
        CounterScreen {
            title: t("Kiểm tra mã QR", "Check a QR code"),
            verdict: Notice::new(tone, lang.pick(&v.message_vi, &v.message_en)),
            facts,
            documents_title: t("Giấy tờ đã khai có", "Papers declared held"),
            documents,
            source: match scan.source {
                DossierSource::Server => t("Thông tin từ máy chủ.", "Details from the server."),
                DossierSource::Cache => t(
                    "Không có mạng: thông tin đã lưu trên máy.",
                    "Offline: details stored on this phone.",
                ),
                DossierSource::CodeOnly => t(
                    "Chỉ có thông tin trong mã (không tra được máy chủ).",
                    "Only what the code holds (the server could not be asked).",
                ),
            },
            dossier_id: scan.dossier.map(|d| d.id),
            scan_label: t("Quét mã khác", "Scan another"),
        }
    }
}
