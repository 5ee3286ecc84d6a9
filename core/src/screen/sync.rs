//! Đồng bộ: sending the field actions recorded offline — what waits, the
//! progress while it runs, what arrived, and what the server turned down
//! and why.

use serde::Serialize;

use super::worklist::wedged_row;
use super::{Fact, Language, Notice, ScreenService, Tone, WedgedRow, format, unreachable};
use crate::error::CoreResult;
use crate::field::view::SyncReport;

/// The sync screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncScreen {
    /// Title.
    pub title: String,
    /// What waits to be sent, in words.
    pub waiting: String,
    /// The outcome of the last sync run from this screen.
    pub result: Option<Notice>,
    /// Its figures: sent, acknowledged, waiting, turned down.
    pub facts: Vec<Fact>,
    /// Heading of the turned-down actions.
    pub wedged_title: String,
    /// Actions turned down by the server, with why.
    pub wedged: Vec<WedgedRow>,
    /// Button: retry a turned-down action.
    pub retry_label: String,
    /// Button: set a turned-down action aside.
    pub set_aside_label: String,
    /// Button: sync now.
    pub sync_label: String,
}

impl ScreenService {
    /// The sync screen before syncing (works offline).
    pub fn sync_status(&self, lang: Language) -> CoreResult<SyncScreen> {
        let wedged = self.field().wedged()?;
        let pending = self.field().pending()?;
        Ok(sync_screen(
            lang,
            pending,
            None,
            Vec::new(),
            wedged.iter().map(|w| wedged_row(w, lang)).collect(),
        ))
    }

    /// Syncs now, and the screen with what it did.
    pub async fn sync(&self, lang: Language) -> CoreResult<SyncScreen> {
        let report = match self.field().sync().await {
            Ok(r) => r,
            Err(e) if unreachable(&e) => {
                let mut screen = self.sync_status(lang)?;
                screen.result = Some(Notice::new(
                    Tone::Warning,
                    lang.take(e.vi().to_owned(), e.en().to_owned()),
                ));
                return Ok(screen);
            }
            Err(e) => return Err(e),
        };
        Ok(report_screen(report, lang))
    }

    /// The progress line while a sync runs (`CoreEvent::SyncProgress`).
    pub fn sync_progress(&self, lang: Language, sent: i32, acknowledged: i32) -> String {
        match lang {
            Language::Vi => format!("Đang gửi: đã gửi {sent}, máy chủ đã nhận {acknowledged}…"),
            Language::En => format!("Sending: {sent} sent, {acknowledged} received by the server…"),
        }
    }
}

fn report_screen(r: SyncReport, lang: Language) -> SyncScreen {
    let result = match (&r.error_vi, &r.error_en) {
        (Some(vi), Some(en)) => Notice::new(Tone::Warning, lang.pick(vi, en)),
        _ if r.rejected > 0 => Notice::new(
            Tone::Error,
            match lang {
                Language::Vi => format!(
                    "Đã đồng bộ; {} thao tác bị từ chối: xem bên dưới.",
                    r.rejected
                ),
                Language::En => format!(
                    "Synced; {} turned down: see below.",
                    format::count(i64::from(r.rejected), "", "action", "actions", lang)
                ),
            },
        ),
        _ => Notice::new(
            Tone::Success,
            match lang {
                Language::Vi => format!("Đã đồng bộ: máy chủ đã nhận {} thao tác.", r.acknowledged),
                Language::En => format!(
                    "Synced: the server received {}.",
                    format::count(i64::from(r.acknowledged), "", "action", "actions", lang)
                ),
            },
        ),
    };
    let facts = vec![
        Fact::new(
            lang.pick("Đã gửi", "Sent"),
            format::number(i64::from(r.sent), lang),
        ),
        Fact::new(
            lang.pick("Máy chủ đã nhận", "Received"),
            format::number(i64::from(r.acknowledged), lang),
        ),
        Fact::new(
            lang.pick("Còn chờ gửi", "Still waiting"),
            format::number(i64::from(r.pending), lang),
        ),
        Fact::new(
            lang.pick("Bị từ chối", "Turned down"),
            format::number(i64::from(r.rejected), lang),
        ),
    ];
    let wedged = r.wedged.iter().map(|w| wedged_row(w, lang)).collect();
    sync_screen(lang, r.pending, Some(result), facts, wedged)
}

fn sync_screen(
    lang: Language,
    pending: i32,
    result: Option<Notice>,
    facts: Vec<Fact>,
    wedged: Vec<WedgedRow>,
) -> SyncScreen {
    let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
    SyncScreen {
        title: t("Đồng bộ", "Sync"),
        waiting: if pending == 0 {
            t(
                "Không có thao tác nào chờ gửi.",
                "Nothing waiting to be sent.",
            )
        } else {
            match lang {
                Language::Vi => format!("{pending} thao tác chờ gửi."),
                Language::En => format!(
                    "{} waiting to be sent.",
                    format::count(i64::from(pending), "", "action", "actions", lang)
                ),
            }
        },
        result,
        facts,
        wedged_title: t("Bị máy chủ từ chối", "Turned down by the server"),
        wedged,
        retry_label: t("Gửi lại", "Retry"),
        set_aside_label: t("Bỏ qua", "Set aside"),
        sync_label: t("Đồng bộ ngay", "Sync now"),
    }
}
