//! Việc hôm nay: the field worker's visits in route order with the route's
//! length, the offline banner, actions not sent yet and actions the server
//! turned down (with why).

use serde::Serialize;

use super::{CommonTexts, Language, Notice, ScreenService, Tone, format, unreachable};
use crate::error::CoreResult;
use crate::field::model::VisitKind;
use crate::field::view::{LocalState, VisitView, WorklistView};
use crate::field::wedge::WedgedEntry;

/// One visit on the worklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VisitRow {
    /// Visit id (opens the visit).
    pub id: String,
    /// Position on the route, from 1.
    pub stop: i32,
    /// `1. Thu gom hồ sơ`: the stop and what to do.
    pub title: String,
    /// Who to meet, and the household's category.
    pub who: String,
    /// Where.
    pub address: String,
    /// The time window.
    pub window: String,
    /// Where it stands on this phone, in words.
    pub state: String,
    /// True once done here (sent or not).
    pub done: bool,
}

/// An action the server turned down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WedgedRow {
    /// Its place in the log (retry or set aside with it).
    pub seq: i64,
    /// What it was, and when.
    pub title: String,
    /// Why it was turned down.
    pub reason: String,
}

/// The worklist screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WorklistScreen {
    /// Title.
    pub title: String,
    /// The route's length in visit order.
    pub route: String,
    /// The offline banner, when the list is the stored copy.
    pub offline: Option<Notice>,
    /// Actions recorded here and not sent yet, in words.
    pub unsent: Option<Notice>,
    /// The visits, in route order.
    pub visits: Vec<VisitRow>,
    /// Said when there is no visit today.
    pub empty: Option<String>,
    /// Heading of the turned-down actions.
    pub wedged_title: String,
    /// Actions turned down by the server.
    pub wedged: Vec<WedgedRow>,
    /// Button: retry a turned-down action.
    pub retry_label: String,
    /// Button: set a turned-down action aside.
    pub set_aside_label: String,
    /// Button: sync now.
    pub sync_label: String,
}

impl ScreenService {
    /// The worklist: fetched, or the stored copy offline.
    pub async fn worklist(&self, lang: Language) -> CoreResult<WorklistScreen> {
        let (view, offline) = match self.field().refresh_worklist().await {
            Ok(v) => (v, None),
            Err(e) if unreachable(&e) => (
                self.field().worklist()?,
                Some(Notice::new(Tone::Warning, CommonTexts::new(lang).offline)),
            ),
            Err(e) => return Err(e),
        };
        Ok(worklist_screen(view, offline, lang))
    }
}

fn worklist_screen(v: WorklistView, offline: Option<Notice>, lang: Language) -> WorklistScreen {
    let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
    WorklistScreen {
        title: t("Việc hôm nay", "Today's visits"),
        route: match lang {
            Language::Vi => format!(
                "Lộ trình {} (theo giờ hẹn: {})",
                format::kilometres(v.route_km, lang),
                format::kilometres(v.unordered_km, lang)
            ),
            Language::En => format!(
                "Route {} (in window order: {})",
                format::kilometres(v.route_km, lang),
                format::kilometres(v.unordered_km, lang)
            ),
        },
        offline,
        unsent: (v.pending > 0).then(|| {
            Notice::new(
                Tone::Info,
                match lang {
                    Language::Vi => format!("{} thao tác chưa gửi: sẽ gửi khi đồng bộ.", v.pending),
                    Language::En => format!(
                        "{} not sent yet: sent at the next sync.",
                        format::count(i64::from(v.pending), "", "action", "actions", lang)
                    ),
                },
            )
        }),
        empty: v
            .visits
            .is_empty()
            .then(|| t("Hôm nay không có lượt nào.", "No visits today.")),
        visits: v.visits.iter().map(|x| visit_row(x, lang)).collect(),
        wedged_title: t("Bị máy chủ từ chối", "Turned down by the server"),
        wedged: v.wedged.iter().map(|w| wedged_row(w, lang)).collect(),
        retry_label: t("Gửi lại", "Retry"),
        set_aside_label: t("Bỏ qua", "Set aside"),
        sync_label: t("Đồng bộ", "Sync"),
    }
}

/// What a visit is, in words.
pub(crate) fn kind_text(kind: VisitKind, lang: Language) -> &'static str {
    match kind {
        VisitKind::Pickup => lang.pick("Thu gom hồ sơ", "Collect a dossier"),
        VisitKind::Delivery => lang.pick("Phát kết quả", "Deliver a result"),
    }
}

/// Where a visit stands on this phone, in words.
pub(crate) fn visit_state(state: LocalState, lang: Language) -> &'static str {
    match state {
        LocalState::Todo => lang.pick("Chưa làm", "To do"),
        LocalState::DoneUnsent => lang.pick("Đã xong, chưa gửi", "Done, not sent yet"),
        LocalState::Done => lang.pick("Đã xong", "Done"),
        LocalState::Failed => {
            lang.pick("Không thành công, có thể thử lại", "Failed, may be retried")
        }
        LocalState::Rejected => lang.pick("Bị từ chối: xem bên dưới", "Turned down: see below"),
    }
}

fn visit_row(v: &VisitView, lang: Language) -> VisitRow {
    let state = visit_state(v.local_state, lang);
    VisitRow {
        id: v.id.clone(),
        stop: v.stop,
        title: format!("{}. {}", v.stop, kind_text(v.kind, lang)),
        who: format!(
            "{} · {}",
            v.contact_name,
            lang.pick(v.beneficiary.name_vi(), v.beneficiary.name_en())
        ),
        address: v.address.clone(),
        window: v.window_local.clone(),
        state: state.to_owned(),
        done: matches!(v.local_state, LocalState::Done | LocalState::DoneUnsent),
    }
}

/// A turned-down action as a row.
pub(crate) fn wedged_row(w: &WedgedEntry, lang: Language) -> WedgedRow {
    let what = match w.kind.as_str() {
        "pickup" => lang.pick("Thu gom", "Pickup"),
        "deliver" => lang.pick("Phát", "Delivery"),
        _ => lang.pick("Lượt không thành công", "Failed attempt"),
    };
    WedgedRow {
        seq: w.seq,
        title: format!("{what} · {}", format::date_time(w.recorded_at, lang)),
        reason: lang.pick(&w.text_vi, &w.text_en).to_owned(),
    }
}
