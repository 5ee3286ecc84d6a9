//! The applicant-profile flags shared by `dvc checklist` and the dossier
//! commands: `--as`, `--beneficiary`, `--channel`, `--relation`,
//! `--answer`, `--have`.

use clap::{Args, ValueEnum};
use dvc_core::catalogue::profile::{
    Answer, Applicant, ApplicantProfile, Beneficiary, Channel, Relation,
};
use dvc_core::{CoreError, CoreResult};

/// In what capacity the person files.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AsArg {
    /// For themself.
    #[value(name = "self")]
    Myself,
    /// Through an authorised representative.
    Representative,
    /// As the guardian of a minor.
    Guardian,
}

/// Beneficiary category.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BeneficiaryArg {
    /// None.
    None,
    /// Người có công.
    Merit,
    /// Bảo trợ xã hội.
    Social,
}

impl From<BeneficiaryArg> for Beneficiary {
    fn from(arg: BeneficiaryArg) -> Self {
        match arg {
            BeneficiaryArg::None => Beneficiary::None,
            BeneficiaryArg::Merit => Beneficiary::Merit,
            BeneficiaryArg::Social => Beneficiary::Social,
        }
    }
}

/// How the dossier is filed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ChannelArg {
    /// At the counter.
    Counter,
    /// By post.
    Post,
    /// Picked up at home.
    Home,
    /// Filed online from the phone (every document needs a page attached).
    Online,
}

/// The representative's relation.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RelationArg {
    /// Grandparent.
    Grandparent,
    /// Parent.
    Parent,
    /// Child.
    Child,
    /// Spouse.
    Spouse,
    /// Sibling.
    Sibling,
    /// Anyone else.
    Other,
}

/// Profile flags.
#[derive(Debug, Clone, Args)]
pub struct ProfileArgs {
    /// Filing for self, as a representative, or as a guardian.
    #[arg(long = "as", value_enum, default_value = "self")]
    pub applicant: AsArg,
    /// Beneficiary category.
    #[arg(long, value_enum, default_value = "none")]
    pub beneficiary: BeneficiaryArg,
    /// Counter, post, or home pickup.
    #[arg(long, value_enum, default_value = "counter")]
    pub channel: ChannelArg,
    /// The representative's relation to the person (with --as representative).
    #[arg(long, value_enum)]
    pub relation: Option<RelationArg>,
    /// Answer to a procedure question, QUESTION=yes|no (repeatable); the
    /// procedure's case as case=N.
    #[arg(long = "answer", value_name = "QUESTION=yes|no|case=N")]
    pub answers: Vec<String>,
    /// Documents the person has, by id (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "ID,ID...")]
    pub have: Vec<String>,
}

impl ProfileArgs {
    /// The applicant profile these flags describe.
    pub fn profile(&self) -> CoreResult<ApplicantProfile> {
        let mut case = None;
        let mut answers = Vec::new();
        for a in &self.answers {
            match a.split_once('=') {
                Some((q, n)) if q.trim() == "case" => case = Some(parse_case(n)?),
                _ => answers.push(parse_answer(a)?),
            }
        }
        Ok(ApplicantProfile {
            applicant: match self.applicant {
                AsArg::Myself => Applicant::Myself,
                AsArg::Representative => Applicant::Representative,
                AsArg::Guardian => Applicant::Guardian,
            },
            relation: self.relation.map(|r| match r {
                RelationArg::Grandparent => Relation::Grandparent,
                RelationArg::Parent => Relation::Parent,
                RelationArg::Child => Relation::Child,
                RelationArg::Spouse => Relation::Spouse,
                RelationArg::Sibling => Relation::Sibling,
                RelationArg::Other => Relation::Other,
            }),
            beneficiary: self.beneficiary.into(),
            channel: match self.channel {
                ChannelArg::Counter => Channel::Counter,
                ChannelArg::Post => Channel::Post,
                ChannelArg::Home => Channel::Home,
                ChannelArg::Online => Channel::Online,
            },
            answers,
            case,
        })
    }

    /// The document ids given with `--have`, trimmed, empty ones dropped.
    pub fn have(&self) -> Vec<String> {
        self.have
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

fn parse_case(text: &str) -> CoreResult<i32> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=99).contains(n))
        .ok_or_else(|| {
            CoreError::invalid(
                "answer",
                format!("Trường hợp «{text}» phải là số thứ tự của một trường hợp, ví dụ case=2."),
                format!("Case “{text}” must be the number of one of the cases, e.g. case=2."),
            )
        })
}

fn parse_answer(text: &str) -> CoreResult<Answer> {
    let bad = || {
        CoreError::invalid(
            "answer",
            format!("Câu trả lời «{text}» cần dạng CÂU_HỎI=yes hoặc CÂU_HỎI=no."),
            format!("Answer “{text}” must look like QUESTION=yes or QUESTION=no."),
        )
    };
    let (question, value) = text.split_once('=').ok_or_else(bad)?;
    let value = match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "co" | "có" => true,
        "no" | "n" | "false" | "khong" | "không" => false,
        _ => return Err(bad()),
    };
    Ok(Answer {
        question: question.trim().to_owned(),
        value,
    })
}
