//! The catalogue's data: procedures (thủ tục), their documents (giấy tờ)
//! and the conditions under which a document applies, as the JSON file
//! `core/data/catalogue.json` spells them.

use serde::{Deserialize, Serialize};

use super::condition::Condition;

/// The catalogue file format this code reads.
pub const FORMAT: u32 = 1;

/// A versioned catalogue of procedures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueData {
    /// File format number; must be [`FORMAT`].
    pub format: u32,
    /// Catalogue version, e.g. `2026.11.1`; a new version replaces the old.
    pub version: String,
    /// Where the facts come from and what is not sourced.
    pub note: String,
    /// The procedures.
    pub procedures: Vec<Procedure>,
}

/// Thủ tục hành chính: one administrative procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// National procedure code (mã thủ tục), e.g. `1.001193`; unsourced
    /// codes are `x.` + a slug and flagged in `sourced`.
    pub code: String,
    /// Short name in Vietnamese (without "Thủ tục").
    pub name_vi: String,
    /// Short name in English.
    pub name_en: String,
    /// Lĩnh vực: the field, e.g. `Hộ tịch` / `Civil status`.
    pub field_vi: String,
    /// The field in English.
    pub field_en: String,
    /// Words people use for it (Vietnamese and English), and common
    /// abbreviations (CCCD, GPLX, BHYT, LLTP…).
    pub keywords: Vec<String>,
    /// Cơ quan tiếp nhận: who receives it under the two-tier government.
    pub agency_vi: String,
    /// The receiving agency in English.
    pub agency_en: String,
    /// Fees by channel.
    pub fees: Vec<Fee>,
    /// Legal time limit in working days (None when not sourced).
    pub time_limit_days: Option<u32>,
    /// A short note on the time limit (e.g. "next working day if received after 15:00").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_note_en: Option<String>,
    /// The same note in Vietnamese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_note_vi: Option<String>,
    /// How the dossier may be filed.
    pub channels: Vec<FilingChannel>,
    /// Whether the result may be delivered by post.
    pub result_by_post: PostResult,
    /// Who must come in person, if anyone (e.g. both parties of a marriage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Presence>,
    /// Legal basis: document numbers, e.g. `123/2015/NĐ-CP`.
    pub legal_basis: Vec<String>,
    /// Where the record comes from (URL or citation) and when.
    pub source: String,
    /// False when key facts of the record are not sourced; shown to users.
    pub sourced: bool,
    /// Questions specific to this procedure that documents depend on.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// The documents, in the order a clerk checks them.
    pub documents: Vec<DocumentRule>,
}

/// A fee (lệ phí / phí) for a filing channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// Which channel it applies to (`any` for all).
    pub channel: FeeChannel,
    /// Amount in đồng (None when not sourced).
    pub amount_vnd: Option<u64>,
    /// Short note in Vietnamese (e.g. exemptions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_vi: Option<String>,
    /// Short note in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
}

/// The channel a fee applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeChannel {
    /// All channels.
    Any,
    /// At the counter (trực tiếp).
    Counter,
    /// By post (bưu chính).
    Post,
    /// Online (trực tuyến).
    Online,
}

/// A way of filing a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingChannel {
    /// Trực tiếp: at the agency or an agent's counter.
    Counter,
    /// Bưu chính: by post, including pickup at home.
    Post,
    /// Trực tuyến: online on the public-service portal.
    Online,
}

/// Whether the result may come home by post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostResult {
    /// The result may be delivered by post.
    Allowed,
    /// The result must be collected in person.
    NotAllowed,
    /// Not sourced: ask at the counter.
    Unknown,
}

/// Who must appear in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presence {
    /// Who, in Vietnamese (e.g. "Cả hai bên nam, nữ").
    pub who_vi: String,
    /// Who, in English.
    pub who_en: String,
}

/// A yes/no question about the applicant's situation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id, referenced by conditions (e.g. `has_birth_certificate`).
    pub id: String,
    /// The question in Vietnamese.
    pub text_vi: String,
    /// The question in English.
    pub text_en: String,
    /// The answer assumed until the person answers.
    pub default: bool,
}

/// Nộp or xuất trình: hand the paper in, or only show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DocumentAction {
    /// Nộp: handed in and kept in the dossier.
    Submit,
    /// Xuất trình: shown to the clerk and handed back.
    Show,
}

/// A document a procedure asks for, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRule {
    /// Stable id within the procedure (e.g. `birth_certificate`).
    pub id: String,
    /// Short name in Vietnamese.
    pub name_vi: String,
    /// Short name in English.
    pub name_en: String,
    /// Originals (bản chính) needed.
    pub originals: u32,
    /// Copies (bản sao) needed.
    pub copies: u32,
    /// Submit or only show.
    pub action: DocumentAction,
    /// When the document applies; absent means always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// A short practical note in Vietnamese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_vi: Option<String>,
    /// The note in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
}
