//! The national portal's facts as the crawl gives them
//! (`catalogue/facts/portal/README.md`).

use std::path::Path;

use serde::Deserialize;

/// One line of `procedures.jsonl`.
#[derive(Deserialize)]
pub struct Listed {
    /// National code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// STANDARD, SPECIFIC or STANDARD_INTERNAL.
    pub kind: String,
    /// The portal's categories.
    pub fields: Vec<String>,
    /// Responsible agencies.
    pub agencies: Vec<String>,
    /// Who published it.
    pub issued_by: Option<String>,
    /// Target groups.
    #[serde(rename = "for")]
    pub groups: Vec<String>,
}

/// One line of `details.jsonl`.
#[derive(Deserialize)]
pub struct Detail {
    /// National code.
    pub code: String,
    /// Where it is executed.
    pub level: Levels,
    /// Ways of filing.
    pub channels: Vec<Channel>,
    /// Document groups (cases).
    pub cases: Vec<Case>,
    /// What the applicant receives.
    pub results: Vec<String>,
    /// Legal basis.
    pub legal_basis: Vec<Law>,
}

/// The portal's level flags.
#[derive(Deserialize)]
pub struct Levels {
    /// Commune.
    pub commune: bool,
    /// Province.
    pub province: bool,
    /// Ministry.
    pub ministry: bool,
    /// Other.
    pub other: bool,
}

/// One way of filing.
#[derive(Deserialize)]
pub struct Channel {
    /// DIRECT, ONLINE or POSTAL.
    pub channel: String,
    /// Amount of the time limit.
    pub time: u32,
    /// WORKING_DAY, DAY, HOUR, MONTH or OTHER.
    pub time_unit: String,
    /// Fees.
    pub fees: Vec<PortalFee>,
}

/// A fee.
#[derive(Deserialize)]
pub struct PortalFee {
    /// Amount in đồng.
    pub amount: u64,
    /// Note.
    pub note: Option<String>,
}

/// A group of documents under a heading.
#[derive(Deserialize)]
pub struct Case {
    /// Heading.
    pub name: String,
    /// Documents.
    pub documents: Vec<PortalDocument>,
}

/// A document as listed.
#[derive(Deserialize)]
pub struct PortalDocument {
    /// Official wording.
    pub name: String,
    /// Originals.
    pub originals: u32,
    /// Copies.
    pub copies: u32,
}

/// A legal document.
#[derive(Deserialize)]
pub struct Law {
    /// Its number.
    pub code: String,
}

/// Reads a JSON-lines file.
pub fn read_lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{} line {}: {e}", path.display(), i + 1))
        })
        .collect()
}
