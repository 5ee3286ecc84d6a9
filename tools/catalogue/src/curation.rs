//! The team's curation (`catalogue/curation/`): what we write on top of the
//! portal's facts.

use std::collections::HashMap;
use std::path::Path;

use dvc_core::catalogue::model::{
    DocumentRule, FilingChannel, Notice, PostResult, Presence, Question, Synonym,
};
use serde::Deserialize;

/// Everything curated.
pub struct Curation {
    /// The 24 procedures people ask for most, by code.
    pub curated: HashMap<String, Curated>,
    /// English and short names of detailed procedures and their cases.
    pub names: HashMap<String, Names>,
    /// Short names and kinds of the portal's document lines, by official text.
    pub documents: HashMap<String, DocumentNames>,
    /// Query synonyms.
    pub synonyms: Vec<Synonym>,
    /// Words people use for other procedures, by code.
    pub keywords: HashMap<String, Vec<String>>,
}

/// A curated procedure: its checklist with conditions and what we sourced.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curated {
    /// National code.
    pub code: String,
    /// The code this record had before it had a national one.
    #[serde(default)]
    pub formerly: Option<String>,
    /// Short name, Vietnamese.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Field, Vietnamese (the portal's is used).
    #[allow(dead_code)]
    pub field_vi: String,
    /// Field, English.
    pub field_en: String,
    /// Words people use.
    pub keywords: Vec<String>,
    /// The receiving agency, Vietnamese.
    pub agency_vi: String,
    /// The receiving agency, English.
    pub agency_en: String,
    /// Fees by channel.
    pub fees: Vec<CuratedFee>,
    /// Time limit in working days.
    pub time_limit_days: Option<u32>,
    /// Time-limit note, English.
    #[serde(default)]
    pub time_limit_note_en: Option<String>,
    /// Time-limit note, Vietnamese.
    #[serde(default)]
    pub time_limit_note_vi: Option<String>,
    /// Channels.
    pub channels: Vec<FilingChannel>,
    /// Result by post.
    pub result_by_post: PostResult,
    /// Who must come.
    #[serde(default)]
    pub presence: Option<Presence>,
    /// Legal basis.
    pub legal_basis: Vec<String>,
    /// Source.
    pub source: String,
    /// Sourced.
    pub sourced: bool,
    /// Questions.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Documents with conditions.
    pub documents: Vec<DocumentRule>,
    /// Notices.
    #[serde(default)]
    pub notices: Vec<Notice>,
}

/// A curated fee.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedFee {
    /// `any`, `counter`, `post` or `online`.
    pub channel: String,
    /// Amount.
    pub amount_vnd: Option<u64>,
    /// Note, Vietnamese.
    #[serde(default)]
    pub note_vi: Option<String>,
    /// Note, English.
    #[serde(default)]
    pub note_en: Option<String>,
}

/// Names the team wrote for a detailed procedure.
#[derive(Deserialize)]
pub struct Names {
    /// English name.
    pub name_en: String,
    /// Short Vietnamese name.
    pub short_vi: String,
    /// One per portal case heading, in order.
    pub cases: Vec<CaseNames>,
}

/// What a case heading is and its short labels.
#[derive(Deserialize)]
pub struct CaseNames {
    /// The heading as the portal gives it (cleaned).
    pub heading: String,
    /// `case`, `submit`, `show`, `note` or `general`.
    pub kind: String,
    /// Short label, Vietnamese.
    pub short_vi: String,
    /// Short label, English.
    pub short_en: String,
}

/// What a document line is and its short names.
#[derive(Deserialize)]
pub struct DocumentNames {
    /// `document`, `note` or `heading`.
    pub kind: String,
    /// Short name, Vietnamese.
    pub short_vi: String,
    /// Short name, English.
    pub short_en: String,
}

#[derive(Deserialize)]
struct CuratedFile {
    procedures: Vec<Curated>,
}

#[derive(Deserialize)]
struct SynonymFile {
    synonyms: Vec<Synonym>,
}

#[derive(Deserialize)]
struct KeywordFile {
    keywords: HashMap<String, Vec<String>>,
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads `dir` (catalogue/curation).
pub fn load(dir: &Path) -> Result<Curation, String> {
    let curated: CuratedFile = read(&dir.join("curated.json"))?;
    let synonyms: SynonymFile = read(&dir.join("synonyms.json"))?;
    let keywords: KeywordFile = read(&dir.join("keywords.json"))?;
    Ok(Curation {
        curated: curated
            .procedures
            .into_iter()
            .map(|p| (p.code.clone(), p))
            .collect(),
        names: read(&dir.join("procedures.json"))?,
        documents: read(&dir.join("documents.json"))?,
        synonyms: synonyms.synonyms,
        keywords: keywords.keywords,
    })
}
