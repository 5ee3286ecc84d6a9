//! Thủ tục: one procedure as a draft — what it is, agency, fee, time
//! limit, channels; the checklist with ticks, the questions that decide it,
//! why each document applies, the pages photographed for each, progress,
//! what is missing; and the summary for the clerk.

use serde::Serialize;

use super::{Choice, Fact, Language, Notice, ScreenService, Tone, format};
use crate::calendar::TimeUnit;
use crate::catalogue::model::{DocumentAction, FilingChannel, PostResult, Procedure};
use crate::checklist::{ChecklistItem, Warning};
use crate::error::CoreResult;
use crate::files::model::Page;

/// A yes/no question that decides which documents apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QuestionRow {
    /// Question id (passed back with the answer).
    pub id: String,
    /// The question.
    pub text: String,
    /// The answer in force.
    pub answer: bool,
    /// The answer in words, and whether the person gave it.
    pub answer_text: String,
}

/// A page attached to a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PageRow {
    /// Its number (passed back to remove it).
    pub page: i32,
    /// `Trang 1 · JPEG · 1,2 MB`.
    pub text: String,
}

/// One document of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DocumentRow {
    /// Document id (passed back with a tick or a page).
    pub id: String,
    /// Its name.
    pub name: String,
    /// How many originals and copies, and whether it is handed in or shown.
    pub counts: String,
    /// The portal's wording, when it says more than the name.
    pub official: Option<String>,
    /// Why it applies to this person (conditional documents).
    pub reason: Option<String>,
    /// A practical note.
    pub note: Option<String>,
    /// Ticked.
    pub have: bool,
    /// The tick box's state in words (its accessibility label).
    pub tick_label: String,
    /// Pages attached, in order.
    pub pages: Vec<PageRow>,
    /// Said when a page must still be photographed for it.
    pub page_needed: Option<String>,
}

/// The procedure screen of one draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProcedureScreen {
    /// The draft.
    pub draft_id: String,
    /// National procedure code.
    pub code: String,
    /// The procedure's name.
    pub title: String,
    /// Agency, field, level, fee, time limit, channels, result by post.
    pub facts: Vec<Fact>,
    /// Heading of the questions.
    pub questions_title: String,
    /// Questions that decide the documents.
    pub questions: Vec<QuestionRow>,
    /// "Which case is yours?", when the documents depend on the case.
    pub case_question: Option<String>,
    /// The cases to pick from (ids are the case numbers).
    pub cases: Vec<Choice>,
    /// Heading of the checklist.
    pub documents_title: String,
    /// The documents, in the order a clerk checks them.
    pub documents: Vec<DocumentRow>,
    /// Said when the catalogue lists no documents for it.
    pub documents_unknown: Option<String>,
    /// `3/5 giấy tờ đã có`.
    pub progress: String,
    /// Progress, 0–100.
    pub progress_percent: i32,
    /// Heading of the missing list.
    pub missing_title: String,
    /// Names of documents not ticked yet.
    pub missing: Vec<String>,
    /// Things to know before going.
    pub warnings: Vec<Notice>,
    /// All ready: every document ticked (and photographed when filed
    /// online) and nothing blocks filing.
    pub ready: bool,
    /// Ready or not, in words.
    pub ready_text: String,
    /// Heading of the clerk's summary.
    pub summary_title: String,
    /// The summary to show the clerk.
    pub summary: String,
    /// Button: take a photo of a page.
    pub add_page_label: String,
    /// Button: book an appointment.
    pub book_label: String,
    /// Button: file the dossier.
    pub file_label: String,
}

impl ScreenService {
    /// The procedure screen of draft `draft_id`.
    pub fn procedure(&self, lang: Language, draft_id: &str) -> CoreResult<ProcedureScreen> {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let draft = self.checklists().draft(draft_id)?;
        let procedure = self.catalogue().procedure(&draft.checklist.procedure)?;
        let c = draft.checklist;
        let name_of = |id: &str| {
            c.items
                .iter()
                .find(|i| i.id == id)
                .map(|i| lang.pick(&i.name_vi, &i.name_en).to_owned())
                .unwrap_or_else(|| id.to_owned())
        };
        let missing = c.missing.iter().map(|id| name_of(id)).collect();
        let questions = c
            .questions
            .iter()
            .map(|q| QuestionRow {
                id: q.id.clone(),
                text: lang.pick(&q.text_vi, &q.text_en).to_owned(),
                answer: q.answer,
                answer_text: match (q.answer, q.answered) {
                    (true, true) => t("Có", "Yes"),
                    (false, true) => t("Không", "No"),
                    (true, false) => t("Có (chưa trả lời)", "Yes (not answered yet)"),
                    (false, false) => t("Không (chưa trả lời)", "No (not answered yet)"),
                },
            })
            .collect();
        let (case_question, cases) = match &c.case {
            Some(case) => (
                Some(lang.pick(&case.text_vi, &case.text_en).to_owned()),
                case.options
                    .iter()
                    .map(|o| {
                        Choice::new(
                            o.number.to_string(),
                            lang.pick(&o.short_vi, &o.short_en),
                            case.chosen == Some(o.number),
                        )
                    })
                    .collect(),
            ),
            None => (None, Vec::new()),
        };
        let progress = match lang {
            Language::Vi => format!("Đã có {}/{} giấy tờ", c.have_count, c.total),
            Language::En => format!("{} of {} papers ready", c.have_count, c.total),
        };
        Ok(ProcedureScreen {
            draft_id: draft.id.clone(),
            code: procedure.code.clone(),
            title: procedure.display_name(lang.english()).to_owned(),
            facts: facts(&procedure, lang),
            questions_title: t("Câu hỏi về bạn", "About you"),
            questions,
            case_question,
            cases,
            documents_title: t("Giấy tờ cần chuẩn bị", "Papers to prepare"),
            documents: c.items.iter().map(|i| document(i, lang)).collect(),
            documents_unknown: (!c.documents_known).then(|| {
                t(
                    "Danh mục chưa có danh sách giấy tờ của thủ tục này: hãy hỏi tại điểm phục vụ (vẫn đặt lịch được).",
                    "The catalogue has no list of papers for this procedure: ask at the office (you can still book).",
                )
            }),
            progress,
            progress_percent: c.progress_percent,
            missing_title: t("Còn thiếu", "Still missing"),
            missing,
            warnings: c.warnings.iter().map(|w| warning(w, lang)).collect(),
            ready: c.ready,
            ready_text: if c.ready {
                t("Đủ giấy tờ: có thể nộp.", "Everything is ready to file.")
            } else {
                t("Chưa đủ để nộp.", "Not ready to file yet.")
            },
            summary_title: t("Tóm tắt cho cán bộ", "Summary for the clerk"),
            summary: self.checklists().summary(draft_id, lang.tag())?,
            add_page_label: t("Chụp trang", "Photograph a page"),
            book_label: t("Đặt lịch hẹn", "Book an appointment"),
            file_label: t("Nộp hồ sơ", "File the dossier"),
        })
    }
}

/// The procedure's facts, in `lang`.
fn facts(p: &Procedure, lang: Language) -> Vec<Fact> {
    let t = |vi: &'static str, en: &'static str| lang.pick(vi, en);
    let mut out = Vec::new();
    let agency = match (lang, &p.agency_en) {
        (Language::En, Some(en)) => Some(en.clone()),
        _ => (!p.agencies.is_empty()).then(|| p.agencies.join("; ")),
    };
    if let Some(agency) = agency {
        out.push(Fact::new(t("Cơ quan giải quyết", "Agency"), agency));
    }
    let field = match (lang, &p.field_en) {
        (Language::En, Some(en)) => Some(en.clone()),
        _ => p.fields.first().cloned(),
    };
    if let Some(field) = field {
        out.push(Fact::new(t("Lĩnh vực", "Field"), field));
    }
    if let Some(level) = p.level {
        out.push(Fact::new(
            t("Cấp thực hiện", "Level"),
            lang.pick(level.name_vi(), level.name_en()),
        ));
    }
    let channel = p.channel(FilingChannel::Counter).or(p.channels.first());
    let fees: Vec<String> = channel
        .map(|c| {
            c.fees
                .iter()
                .map(|f| {
                    let amount = f.amount_vnd.map(|v| format::fee(v as i64, lang));
                    let note = match lang {
                        Language::Vi => f.note_vi.clone(),
                        Language::En => f.note_en.clone().or(f.note_vi.clone()),
                    };
                    match (amount, note) {
                        // "Free (free within 60 days)": the note says it all.
                        (Some(_), Some(n)) if f.amount_vnd == Some(0) => n,
                        (Some(a), Some(n)) => format!("{a} ({n})"),
                        (Some(a), None) => a,
                        (None, Some(n)) => n,
                        (None, None) => t("Chưa rõ", "Not known").to_owned(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    out.push(Fact::new(
        t("Lệ phí", "Fee"),
        if fees.is_empty() {
            t("Chưa rõ: hỏi tại quầy", "Not known: ask at the counter").to_owned()
        } else {
            fees.join("; ")
        },
    ));
    let limit = match (p.time_limit(), lang) {
        (Some((n, unit)), lang) => Some(time_limit(n, unit, lang)),
        (None, Language::Vi) => p.time_limit_note_vi.clone(),
        (None, Language::En) => p
            .time_limit_note_en
            .clone()
            .or(p.time_limit_note_vi.clone()),
    };
    if let Some(limit) = limit {
        out.push(Fact::new(t("Thời hạn giải quyết", "Time limit"), limit));
    }
    if !p.channels.is_empty() {
        let names: Vec<&str> = p
            .channels
            .iter()
            .map(|c| match c.channel {
                FilingChannel::Counter => t("Trực tiếp", "At the counter"),
                FilingChannel::Post => t("Qua bưu chính", "By post"),
                FilingChannel::Online => t("Trực tuyến", "Online"),
            })
            .collect();
        out.push(Fact::new(t("Cách nộp", "Ways to file"), names.join(", ")));
    }
    out.push(Fact::new(
        t("Nhận kết quả qua bưu điện", "Result by post"),
        match p.result_by_post {
            PostResult::Allowed => t("Được", "Yes"),
            PostResult::NotAllowed => t("Không: nhận trực tiếp", "No: collect in person"),
            PostResult::Unknown => t("Chưa rõ: hỏi tại quầy", "Not known: ask at the counter"),
        },
    ));
    out
}

/// `5 ngày làm việc` / `5 working days`.
fn time_limit(n: u32, unit: TimeUnit, lang: Language) -> String {
    let n = i64::from(n);
    match unit {
        TimeUnit::WorkingDay => {
            format::count(n, "ngày làm việc", "working day", "working days", lang)
        }
        TimeUnit::Day => format::count(n, "ngày", "day", "days", lang),
        TimeUnit::Hour => format::count(n, "giờ", "hour", "hours", lang),
        TimeUnit::Month => format::count(n, "tháng", "month", "months", lang),
        TimeUnit::Other => format::number(n, lang),
    }
}

/// One checklist item as a row.
fn document(i: &ChecklistItem, lang: Language) -> DocumentRow {
    let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
    let name = lang.pick(&i.name_vi, &i.name_en).to_owned();
    let mut counts = Vec::new();
    if i.originals > 0 {
        counts.push(format::count(
            i64::from(i.originals),
            "bản chính",
            "original",
            "originals",
            lang,
        ));
    }
    if i.copies > 0 {
        counts.push(format::count(
            i64::from(i.copies),
            "bản sao",
            "copy",
            "copies",
            lang,
        ));
    }
    counts.push(match i.action {
        DocumentAction::Submit => t("nộp", "hand in"),
        DocumentAction::Show => t("chỉ xuất trình", "show only"),
    });
    let opt = |vi: &Option<String>, en: &Option<String>| match lang {
        Language::Vi => vi.clone(),
        Language::En => en.clone().or(vi.clone()),
    };
    DocumentRow {
        tick_label: match (lang, i.have) {
            (Language::Vi, true) => format!("Đã có: {name}"),
            (Language::Vi, false) => format!("Chưa có: {name}"),
            (Language::En, true) => format!("Have it: {name}"),
            (Language::En, false) => format!("Not yet: {name}"),
        },
        official: i.official.clone().filter(|o| *o != i.name_vi),
        reason: opt(&i.reason_vi, &i.reason_en),
        note: opt(&i.note_vi, &i.note_en),
        have: i.have,
        pages: i.pages.iter().map(|p| page(p, lang)).collect(),
        page_needed: (i.attachment_required && i.pages.is_empty()).then(|| {
            t(
                "Cần chụp ít nhất một trang để nộp trực tuyến.",
                "Photograph at least one page to file online.",
            )
        }),
        counts: counts.join(", "),
        id: i.id.clone(),
        name,
    }
}

/// `Trang 1 · JPEG · 1,2 MB`.
fn page(p: &Page, lang: Language) -> PageRow {
    let size = format::file_size(p.bytes, lang);
    PageRow {
        page: p.page,
        text: format!(
            "{} {} · {} · {size}",
            lang.pick("Trang", "Page"),
            p.page,
            p.file_type.as_str().to_ascii_uppercase()
        ),
    }
}

/// A checklist warning as a notice: refusals as errors, what must be done
/// first as warnings, the rest as information.
fn warning(w: &Warning, lang: Language) -> Notice {
    let tone = match w.code.as_str() {
        "channel_not_accepted" => Tone::Error,
        "pages_missing" | "presence_required" | "no_result_by_post" => Tone::Warning,
        _ => Tone::Info,
    };
    Notice::new(tone, lang.pick(&w.vi, &w.en))
}
