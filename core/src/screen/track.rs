//! Theo dõi: one dossier's timeline and its postal item — status, promised
//! and expected dates, the late warning, newest events first; the stored
//! copy offline, marked as such.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Fact, Language, Notice, ScreenService, Tone, format};
use crate::error::CoreResult;
use crate::tracking::view::TrackView;

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EventRow {
    /// When, written out.
    pub when: String,
    /// What happened.
    pub text: String,
}

/// The tracking screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrackScreen {
    /// The dossier's server id.
    pub dossier_id: String,
    /// Title: the dossier code.
    pub title: String,
    /// The procedure.
    pub procedure: String,
    /// Where it stands now.
    pub status: String,
    /// Promised date, expected delivery, postal item and step, attempts.
    pub facts: Vec<Fact>,
    /// The late warning, if it is late.
    pub late: Option<Notice>,
    /// Said when this is the stored copy (offline).
    pub stale: Option<Notice>,
    /// Heading of the timeline.
    pub events_title: String,
    /// The timeline, newest first.
    pub events: Vec<EventRow>,
    /// Button: refresh.
    pub refresh_label: String,
}

impl ScreenService {
    /// The tracking screen of `key` (dossier code, `CODE#CHECK`, or item
    /// number): refreshed, or the stored copy offline.
    pub async fn track(&self, lang: Language, key: &str) -> CoreResult<TrackScreen> {
        let view = self.tracking().track(key.to_owned()).await?;
        Ok(self.track_screen(view, lang))
    }

    fn track_screen(&self, v: TrackView, lang: Language) -> TrackScreen {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let date = |d: &Option<String>| {
            d.as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| format::date(d, lang))
        };
        let mut facts = Vec::new();
        if let Some(d) = date(&v.promised_date) {
            facts.push(Fact::new(
                lang.pick("Hẹn trả kết quả", "Result promised"),
                d,
            ));
        }
        if let Some(d) = date(&v.expected_delivery) {
            facts.push(Fact::new(
                lang.pick("Dự kiến giao", "Expected at the door"),
                d,
            ));
        }
        facts.push(Fact::new(
            lang.pick("Nhận kết quả", "Result"),
            if v.home_delivery {
                t("Giao tận nhà", "Home delivery")
            } else {
                t("Nhận tại điểm phục vụ", "Collect at the office")
            },
        ));
        if let Some(s10) = &v.s10 {
            facts.push(Fact::new(
                lang.pick("Số bưu gửi", "Postal item"),
                s10.clone(),
            ));
        }
        if let (Some(vi), Some(en)) = (&v.postal_vi, &v.postal_en) {
            facts.push(Fact::new(lang.pick("Bưu gửi", "Item"), lang.pick(vi, en)));
        }
        if v.failed_attempts > 0 {
            facts.push(Fact::new(
                lang.pick("Phát không thành công", "Failed attempts"),
                format::number(i64::from(v.failed_attempts), lang),
            ));
        }
        let procedure = self
            .catalogue()
            .procedure(&v.procedure_code)
            .map(|p| p.display_name(lang.english()).to_owned())
            .unwrap_or_else(|_| v.procedure_code.clone());
        TrackScreen {
            title: match (&v.dossier_code, lang) {
                (Some(code), Language::Vi) => format!("Hồ sơ {code}"),
                (Some(code), Language::En) => format!("Dossier {code}"),
                (None, _) => t("Hồ sơ", "Dossier"),
            },
            procedure,
            status: lang.pick(&v.status_vi, &v.status_en).to_owned(),
            facts,
            late: match (&v.late_vi, &v.late_en) {
                (Some(vi), Some(en)) => Some(Notice::new(Tone::Warning, lang.pick(vi, en))),
                _ => None,
            },
            stale: v.stale.then(|| {
                Notice::new(
                    Tone::Warning,
                    match lang {
                        Language::Vi => format!(
                            "Không có mạng: thông tin như lúc {}.",
                            format::date_time(v.refreshed_at, lang)
                        ),
                        Language::En => format!(
                            "Offline: as of {}.",
                            format::date_time(v.refreshed_at, lang)
                        ),
                    },
                )
            }),
            events_title: t("Diễn biến", "Timeline"),
            events: v
                .events
                .iter()
                .map(|e| EventRow {
                    when: format::date_time(e.at, lang),
                    text: lang.pick(&e.text_vi, &e.text_en).to_owned(),
                })
                .collect(),
            refresh_label: t("Cập nhật", "Refresh"),
            dossier_id: v.dossier_id,
        }
    }
}
