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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Beneficiary {
    /// No category.
    None,
    /// Người có công: a person with meritorious service (or their relative).
    Merit,
    /// Bảo trợ xã hội: a social-protection beneficiary.
    Social,
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
    pub relation: Option<Relation>,
    /// Beneficiary category.
    pub beneficiary: Beneficiary,
    /// Counter, post or home pickup.
    pub channel: Channel,
    /// Answers to procedure questions; unanswered ones take their default.
    pub answers: Vec<Answer>,
}

impl Default for ApplicantProfile {
    fn default() -> Self {
        Self {
            applicant: Applicant::Myself,
            relation: None,
            beneficiary: Beneficiary::None,
            channel: Channel::Counter,
            answers: Vec::new(),
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
