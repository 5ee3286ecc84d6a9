//! Trang chủ: the citizen's home — procedure search (works offline, the
//! catalogue is on the phone), drafts, the next appointment and the latest
//! notifications.

use serde::Serialize;

use super::{Language, ScreenService, format};
use crate::api::model::BookingStatus;
use crate::catalogue::search::MatchKind;
use crate::error::CoreResult;

/// A procedure found by the search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProcedureRow {
    /// National procedure code (opens the procedure).
    pub code: String,
    /// Its name for screens.
    pub name: String,
    /// The code, and the portal's name when the short name differs.
    pub detail: String,
}

/// A draft dossier on the home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DraftRow {
    /// Draft id (opens its procedure screen).
    pub id: String,
    /// The procedure's name.
    pub name: String,
    /// How far it is: `3/5 giấy tờ` and whether it is ready.
    pub progress: String,
    /// Progress, 0–100 (a progress bar; the text says the same).
    pub progress_percent: i32,
}

/// A notification on the home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NotificationRow {
    /// Its id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Where tapping it goes (`dvc://dossier/<code>`).
    pub deep_link: String,
}

/// The next appointment, in short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NextAppointment {
    /// Booking id.
    pub booking_id: String,
    /// When: `08:30, Thứ Ba, 01/12/2026`.
    pub when: String,
    /// Where: the office's name.
    pub office: String,
}

/// The home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HomeScreen {
    /// Title.
    pub title: String,
    /// Label of the search box.
    pub search_label: String,
    /// Placeholder of the search box.
    pub search_hint: String,
    /// The query shown.
    pub query: String,
    /// The procedures found (empty without a query).
    pub results: Vec<ProcedureRow>,
    /// What the search found, in words (none without a query).
    pub results_note: Option<String>,
    /// Heading of the drafts.
    pub drafts_title: String,
    /// Drafts, latest first.
    pub drafts: Vec<DraftRow>,
    /// Shown when there are no drafts.
    pub drafts_empty: String,
    /// Heading of the next appointment.
    pub appointment_title: String,
    /// The next active appointment, if any.
    pub next_appointment: Option<NextAppointment>,
    /// Shown when there is none.
    pub appointment_empty: String,
    /// Heading of the notifications.
    pub notifications_title: String,
    /// The latest notifications, newest first.
    pub notifications: Vec<NotificationRow>,
    /// The navigation: offices.
    pub offices_label: String,
    /// The navigation: appointments.
    pub appointments_label: String,
    /// The navigation: tracking a dossier.
    pub track_label: String,
    /// The navigation: settings.
    pub settings_label: String,
}

/// How many search results, drafts and notifications the home screen lists.
const LIST: u32 = 5;

impl ScreenService {
    /// The home screen with the results of `query` (blank: none).
    pub fn home(&self, lang: Language, query: &str) -> CoreResult<HomeScreen> {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let query = query.trim();
        let hits = if query.is_empty() {
            Vec::new()
        } else {
            self.catalogue().search(query, LIST)?
        };
        let results_note = (!query.is_empty()).then(|| match hits.first() {
            None => t(
                "Không tìm thấy thủ tục nào. Thử từ khác, ví dụ \"khai sinh\".",
                "No procedure found. Try other words, e.g. \"birth\".",
            ),
            Some(h) if h.match_kind == MatchKind::Weak => t(
                "Không có thủ tục khớp rõ. Có thể bạn tìm:",
                "No clear match. Perhaps you mean:",
            ),
            Some(_) => format::count(
                hits.len() as i64,
                "thủ tục",
                "procedure",
                "procedures",
                lang,
            ),
        });
        let results = hits
            .into_iter()
            .map(|h| ProcedureRow {
                name: match (lang, h.name_en) {
                    (Language::En, Some(en)) => en,
                    _ => h.short_vi.clone(),
                },
                detail: if h.name_vi == h.short_vi {
                    h.code.clone()
                } else {
                    format!("{} · {}", h.code, h.name_vi)
                },
                code: h.code,
            })
            .collect();
        let drafts = self
            .checklists()
            .drafts()?
            .into_iter()
            .take(LIST as usize)
            .map(|d| DraftRow {
                progress: if d.ready {
                    t("Đủ giấy tờ, sẵn sàng nộp", "All papers ready to file")
                } else {
                    match lang {
                        Language::Vi => format!("Đã có {}% giấy tờ", d.progress_percent),
                        Language::En => format!("{}% of the papers ready", d.progress_percent),
                    }
                },
                name: lang.take(d.name_vi, d.name_en),
                progress_percent: d.progress_percent,
                id: d.id,
            })
            .collect();
        let now = self.ctx.now();
        let next_appointment = self
            .bookings()
            .cached()?
            .into_iter()
            .filter(|b| b.status == BookingStatus::Active && b.slot_end > now)
            .min_by_key(|b| b.slot_start)
            .map(|b| NextAppointment {
                when: format::date_time(b.slot_start, lang),
                office: b.office_name,
                booking_id: b.id,
            });
        let notifications = self
            .tracking()
            .recent_notifications(LIST)?
            .into_iter()
            .map(|n| NotificationRow {
                id: n.id,
                title: lang.take(n.title_vi, n.title_en),
                body: lang.take(n.body_vi, n.body_en),
                deep_link: n.deep_link,
            })
            .collect();
        Ok(HomeScreen {
            title: t("Dịch vụ công", "Public services"),
            search_label: t("Tìm thủ tục", "Find a procedure"),
            search_hint: t("Ví dụ: khai sinh, cấp lại CCCD", "E.g. birth, new ID card"),
            query: query.to_owned(),
            results,
            results_note,
            drafts_title: t("Hồ sơ đang chuẩn bị", "Dossiers in preparation"),
            drafts,
            drafts_empty: t(
                "Chưa có hồ sơ nào. Tìm thủ tục để bắt đầu.",
                "No dossier yet. Find a procedure to begin.",
            ),
            appointment_title: t("Lịch hẹn sắp tới", "Next appointment"),
            next_appointment,
            appointment_empty: t("Chưa có lịch hẹn.", "No appointment booked."),
            notifications_title: t("Thông báo", "Notifications"),
            notifications,
            offices_label: t("Điểm phục vụ", "Offices"),
            appointments_label: t("Lịch hẹn", "Appointments"),
            track_label: t("Tra cứu hồ sơ", "Track a dossier"),
            settings_label: t("Cài đặt", "Settings"),
        })
    }
}
