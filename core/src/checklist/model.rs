//! The checklist as a screen shows it: every applicable document with
//! counts and submit/show, why a conditional one applies, what is ticked,
//! progress, what is missing, whether the person is ready, and warnings.

use serde::Serialize;

use crate::catalogue::model::DocumentAction;

/// One document on the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChecklistItem {
    /// Document id within the procedure.
    pub id: String,
    /// Short name in Vietnamese.
    pub name_vi: String,
    /// Short name in English.
    pub name_en: String,
    /// The portal's wording (authoritative), for documents from the portal.
    pub official: Option<String>,
    /// Originals (bản chính) to bring (0 with 0 copies: the portal gives
    /// no count).
    pub originals: i32,
    /// Copies (bản sao) to bring.
    pub copies: i32,
    /// Hand in (`submit`, nộp) or only show (`show`, xuất trình).
    pub action: DocumentAction,
    /// The person has ticked it.
    pub have: bool,
    /// Why it applies to this person (conditional documents only), Vietnamese.
    pub reason_vi: Option<String>,
    /// Why it applies, English.
    pub reason_en: Option<String>,
    /// A practical note, Vietnamese.
    pub note_vi: Option<String>,
    /// A practical note, English.
    pub note_en: Option<String>,
    /// Photos, scans or PDFs attached to it, in page order.
    pub pages: Vec<crate::files::model::Page>,
    /// A page must be attached before filing: online filing sends a copy
    /// of every document (at the counter the original is shown instead).
    pub attachment_required: bool,
}

/// Something the person should know before travelling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Warning {
    /// Stable code: `no_result_by_post`, `presence_required`,
    /// `channel_not_accepted`, `fee`, `time_limit`, `unsourced`.
    pub code: String,
    /// Vietnamese text.
    pub vi: String,
    /// English text.
    pub en: String,
}

/// A procedure question with the answer in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QuestionState {
    /// Question id.
    pub id: String,
    /// The question in Vietnamese.
    pub text_vi: String,
    /// The question in English.
    pub text_en: String,
    /// The answer in force (given, or the default).
    pub answer: bool,
    /// True when the person answered it.
    pub answered: bool,
}

/// Danh sách giấy tờ: the pre-checklist for one procedure and profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Checklist {
    /// Procedure code.
    pub procedure: String,
    /// Procedure name, Vietnamese.
    pub procedure_name_vi: String,
    /// Procedure name, English.
    pub procedure_name_en: String,
    /// The applicable documents, in the order a clerk checks them.
    pub items: Vec<ChecklistItem>,
    /// Ids of applicable documents not ticked yet.
    pub missing: Vec<String>,
    /// Ticked applicable documents.
    pub have_count: i32,
    /// Applicable documents.
    pub total: i32,
    /// `have_count / total` as a whole percentage.
    pub progress_percent: i32,
    /// Every applicable document is ticked (and, filing online, has a
    /// page), the case is picked and nothing blocks filing.
    pub ready: bool,
    /// Ids of documents that need a page attached and have none.
    pub pages_missing: Vec<String>,
    /// Things to know before travelling.
    pub warnings: Vec<Warning>,
    /// Questions that decide which documents apply.
    pub questions: Vec<QuestionState>,
    /// The procedure's cases as a question, when its documents depend on
    /// the case (`--answer case=N`).
    pub case: Option<CaseState>,
    /// False when the catalogue lists no documents for the procedure (ask
    /// at the agent office; a consultation can still be booked).
    pub documents_known: bool,
}

/// "Which case is yours?": the portal's cases of one procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CaseState {
    /// The answer's id in the profile (`case`).
    pub id: String,
    /// The question in Vietnamese.
    pub text_vi: String,
    /// The question in English.
    pub text_en: String,
    /// The options, numbered from 1.
    pub options: Vec<CaseOptionState>,
    /// The option picked, if any.
    pub chosen: Option<i32>,
}

/// One case to pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CaseOptionState {
    /// Its number (the profile's `case`).
    pub number: i32,
    /// Short label, Vietnamese.
    pub short_vi: String,
    /// Short label, English.
    pub short_en: String,
    /// The portal's heading (authoritative).
    pub official: String,
}
