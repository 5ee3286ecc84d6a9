//! Who is applying and how: the applicant profile a checklist is made for.

use serde::{Deserialize, Serialize};

/// In what capacity the person files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Applicant {
    /// For themself.
    #[serde(rename = "self")]
    Myself,
    /// Through an authorised representative (người được ủy quyền).
    Representative,
    /// As the guardian or parent of a minor (người giám hộ).
    Guardian,
}

/// How the representative is related to the person they act for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Ông, bà: grandparent.
    Grandparent,
    /// Cha, mẹ: parent.
    Parent,
    /// Con: child.
    Child,
    /// Vợ, chồng: spouse.
    Spouse,
    /// Anh, chị, em ruột: sibling.
    Sibling,
    /// Anyone else.
    Other,
}

/// Beneficiary category, which changes fees, home service and papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Beneficiary {
    /// No category.
    #[default]
    None,
    /// Người có công: a person with meritorious service (or their relative).
    Merit,
    /// Bảo trợ xã hội: a social-protection beneficiary.
    Social,
}

impl Beneficiary {
    /// True when home pickup and delivery are free for this household
    /// (people with meritorious service, social-protection beneficiaries).
    pub fn is_free(self) -> bool {
        !matches!(self, Self::None)
    }

    /// In Vietnamese.
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::Merit => "Người có công",
            Self::Social => "Đối tượng bảo trợ xã hội",
            Self::None => "Người dân",
        }
    }

    /// In English.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Merit => "Person with meritorious service",
            Self::Social => "Social-protection beneficiary",
            Self::None => "Resident",
        }
    }
}

/// How the dossier reaches the agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// At an agent's counter.
    Counter,
    /// Sent by post from a post office.
    Post,
    /// Picked up at home by field staff.
    Home,
    /// Filed online from the phone (with the agent's help): every document
    /// needs a photo or scan attached.
    Online,
}

/// An answer to a procedure question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Answer {
    /// The question's id.
    pub question: String,
    /// Yes or no.
    pub value: bool,
}

/// The applicant's situation, which decides which documents apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ApplicantProfile {
    /// For self, as representative, or as guardian.
    pub applicant: Applicant,
    /// The representative's relation (representatives only).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub relation: Option<Relation>,
    /// Beneficiary category.
    pub beneficiary: Beneficiary,
    /// Counter, post or home pickup.
    pub channel: Channel,
    /// Answers to procedure questions; unanswered ones take their default.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub answers: Vec<Answer>,
    /// The case the applicant picked, for procedures whose documents
    /// depend on it (numbered from 1; None until picked).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub case: Option<i32>,
}

impl Default for ApplicantProfile {
    fn default() -> Self {
        Self {
            applicant: Applicant::Myself,
            relation: None,
            beneficiary: Beneficiary::None,
            channel: Channel::Counter,
            answers: Vec::new(),
            case: None,
        }
    }
}

impl ApplicantProfile {
    /// The answer given to `question`, if any.
    pub fn answer(&self, question: &str) -> Option<bool> {
        self.answers
            .iter()
            .find(|a| a.question == question)
            .map(|a| a.value)
    }
}
