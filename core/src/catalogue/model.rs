//! The catalogue's data (format 2): every national procedure and Hanoi's
//! own, as the converter (`tools/catalogue`) writes them from the national
//! portal's facts plus the team's curation: names, fields, level, agencies,
//! target groups, filing channels with time limits and fees, and for the
//! detailed ones the checklist (documents, the conditions under which one
//! applies, and the portal's cases as a question).

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use crate::calendar::TimeUnit;

/// The catalogue file format this code reads.
pub const FORMAT: u32 = 2;

/// A versioned catalogue of procedures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueData {
    /// File format number; must be [`FORMAT`].
    pub format: u32,
    /// Catalogue version, e.g. `2026.12.1`; a new version replaces the old.
    pub version: String,
    /// Where the facts come from and what is not sourced.
    pub note: String,
    /// Words people use → the words the catalogue uses ("hộ khẩu" →
    /// "thường trú", "CMND" → "căn cước"), applied to queries.
    #[serde(default)]
    pub synonyms: Vec<Synonym>,
    /// The procedures.
    pub procedures: Vec<Procedure>,
}

/// A word or phrase people type and what it means in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    /// What people type (any spelling; matched folded, on word boundaries).
    pub says: String,
    /// The catalogue's words for it.
    pub means: String,
}

/// Thủ tục hành chính: one administrative procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// National procedure code (mã thủ tục), e.g. `1.001193`.
    pub code: String,
    /// The official name (the portal's wording, without "Thủ tục").
    pub name_vi: String,
    /// A short name for screens, written by the team.
    pub short_vi: String,
    /// The name in English, where the team wrote one.
    #[serde(default)]
    pub name_en: Option<String>,
    /// Lĩnh vực: the portal's fields (categories), e.g. `Hộ tịch`.
    pub fields: Vec<String>,
    /// The first field in English, where written.
    #[serde(default)]
    pub field_en: Option<String>,
    /// Where it is executed under the two-tier government.
    #[serde(default)]
    pub level: Option<Level>,
    /// The responsible agencies (the portal's wording).
    #[serde(default)]
    pub agencies: Vec<String>,
    /// Who receives it, in English, where written.
    #[serde(default)]
    pub agency_en: Option<String>,
    /// Who may file it.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// A national template or Hanoi's own procedure.
    pub origin: Origin,
    /// Words people use for it and common abbreviations (CCCD, GPLX…).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// How it may be filed, each with its time limit and fees (empty when
    /// the portal gives no detail).
    #[serde(default)]
    pub channels: Vec<ChannelInfo>,
    /// A short note on the time limit, Vietnamese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_note_vi: Option<String>,
    /// The note in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_note_en: Option<String>,
    /// Whether the result may be delivered by post.
    #[serde(default = "PostResult::unknown")]
    pub result_by_post: PostResult,
    /// Who must come in person, if anyone (e.g. both parties of a marriage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Presence>,
    /// What the applicant receives.
    #[serde(default)]
    pub results: Vec<String>,
    /// Legal basis: document numbers, e.g. `123/2015/NĐ-CP`.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// Where the record comes from and when it was retrieved.
    pub source: String,
    /// False when key facts of the record are not sourced; shown to users.
    pub sourced: bool,
    /// Yes/no questions about the applicant that documents depend on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// The portal's cases as one question ("which case is yours?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<CaseQuestion>,
    /// The documents, in the order a clerk checks them (empty: not known,
    /// ask at the agent office).
    #[serde(default)]
    pub documents: Vec<DocumentRule>,
    /// Things to tell the applicant when a condition holds; a blocking one
    /// means the dossier cannot be filed that way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

impl Procedure {
    /// The channel entry for `channel`, if the portal lists it.
    pub fn channel(&self, channel: FilingChannel) -> Option<&ChannelInfo> {
        self.channels.iter().find(|c| c.channel == channel)
    }

    /// Whether it may be filed through `channel`: `None` when the channels
    /// are not known.
    pub fn accepts(&self, channel: FilingChannel) -> Option<bool> {
        (!self.channels.is_empty()).then(|| self.channel(channel).is_some())
    }

    /// The time limit a dossier filed at the counter runs on (else the
    /// first channel's): amount and unit.
    pub fn time_limit(&self) -> Option<(u32, TimeUnit)> {
        let c = self
            .channel(FilingChannel::Counter)
            .or(self.channels.first())?;
        Some((c.time?, c.time_unit))
    }

    /// The name for screens in `english` or Vietnamese (English falls back
    /// to the Vietnamese short name).
    pub fn display_name(&self, english: bool) -> &str {
        match (&self.name_en, english) {
            (Some(en), true) => en,
            _ => &self.short_vi,
        }
    }
}

/// The executing level under the two-tier local government (no district
/// level since 1 July 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Cấp xã: the commune or ward.
    Commune,
    /// Cấp tỉnh: the city (Hanoi) or province.
    Province,
    /// Cấp trung ương: a ministry or central agency.
    Ministry,
    /// Another body (e.g. a consulate, a state-owned service).
    Other,
}

impl Level {
    /// In Vietnamese.
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::Commune => "Cấp xã, phường",
            Self::Province => "Cấp thành phố",
            Self::Ministry => "Cấp trung ương",
            Self::Other => "Cơ quan khác",
        }
    }

    /// In English.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Commune => "Commune or ward",
            Self::Province => "City (province)",
            Self::Ministry => "Central (ministry)",
            Self::Other => "Other body",
        }
    }
}

/// Who a procedure is for (the portal's target groups, grouped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Công dân Việt Nam.
    Citizen,
    /// Doanh nghiệp, hợp tác xã, hộ kinh doanh.
    Business,
    /// Người nước ngoài.
    Foreigner,
    /// Người Việt Nam định cư ở nước ngoài.
    Overseas,
    /// Tổ chức: organisations that are not businesses.
    Organisation,
    /// Cán bộ, công chức, viên chức (procedures between officials).
    Official,
    /// Anything else the portal names.
    #[serde(other)]
    Other,
}

/// Where a procedure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A national template that applies in every province.
    National,
    /// Issued by Hanoi's authorities.
    Hanoi,
}

/// One way of filing, with its time limit and fees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelInfo {
    /// Counter, post or online.
    pub channel: FilingChannel,
    /// The time limit's amount (None when only given in prose).
    #[serde(default)]
    pub time: Option<u32>,
    /// Its unit.
    pub time_unit: TimeUnit,
    /// Fees for this channel (empty when not known).
    #[serde(default)]
    pub fees: Vec<Fee>,
}

/// A fee (lệ phí / phí).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// Amount in đồng (None when the province sets it or it is not sourced).
    #[serde(default)]
    pub amount_vnd: Option<u64>,
    /// Short note in Vietnamese (e.g. exemptions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_vi: Option<String>,
    /// Short note in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
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

impl PostResult {
    fn unknown() -> Self {
        Self::Unknown
    }
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

/// The portal's cases of one procedure as a question: the applicant picks
/// the one that is theirs (`case` in the profile, numbered from 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseQuestion {
    /// The options, in the portal's order.
    pub options: Vec<CaseOption>,
}

/// One case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseOption {
    /// The portal's heading (authoritative wording).
    pub official: String,
    /// A short label, Vietnamese.
    pub short_vi: String,
    /// The label in English.
    pub short_en: String,
}

/// Something to tell the applicant when `when` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Stable code (shown as the checklist warning's code).
    pub code: String,
    /// When it applies; absent means always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The text in Vietnamese.
    pub vi: String,
    /// The text in English.
    pub en: String,
    /// The dossier cannot be filed as the profile says (not ready).
    #[serde(default)]
    pub blocks: bool,
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
    /// The portal's wording (authoritative), where the document comes
    /// from the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official: Option<String>,
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
