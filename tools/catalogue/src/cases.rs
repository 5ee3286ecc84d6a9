//! The portal's "thành phần hồ sơ" as a checklist: headings that name
//! alternative situations become one question ("which case is yours?"),
//! papers to hand in or show become documents (the official wording kept,
//! the team's short names on screen), notes become notices.

use dvc_core::catalogue::condition::Condition;
use dvc_core::catalogue::model::{CaseOption, CaseQuestion, DocumentAction, DocumentRule, Notice};

use crate::curation::{Curation, Names};
use crate::facts::Detail;
use crate::text::clean;

/// A detailed procedure's checklist.
pub struct Checklist {
    /// The case question (two or more cases).
    pub cases: Option<CaseQuestion>,
    /// The documents.
    pub documents: Vec<DocumentRule>,
    /// Notes for the applicant.
    pub notices: Vec<Notice>,
}

/// Builds the checklist of `detail` with the names in `curation`.
pub fn checklist(detail: &Detail, names: &Names, curation: &Curation) -> Result<Checklist, String> {
    if names.cases.len() != detail.cases.len() {
        return Err(format!(
            "{}: curation names {} case headings, the portal has {}",
            detail.code,
            names.cases.len(),
            detail.cases.len()
        ));
    }
    let case_count = names.cases.iter().filter(|c| c.kind == "case").count();
    let mut options = Vec::new();
    let mut documents = Vec::new();
    let mut notices = Vec::new();
    for (case, named) in detail.cases.iter().zip(&names.cases) {
        if clean(&case.name) != named.heading {
            return Err(format!(
                "{}: curation heading «{}» is not the portal's «{}»",
                detail.code,
                named.heading,
                clean(&case.name)
            ));
        }
        let when = if named.kind == "case" && case_count >= 2 {
            options.push(CaseOption {
                official: named.heading.clone(),
                short_vi: named.short_vi.clone(),
                short_en: named.short_en.clone(),
            });
            Some(Condition::Case(vec![options.len() as i32]))
        } else {
            None
        };
        let action = if named.kind == "show" {
            DocumentAction::Show
        } else {
            DocumentAction::Submit
        };
        for doc in &case.documents {
            let official = clean(&doc.name);
            let Some(short) = curation.documents.get(&official) else {
                return Err(format!(
                    "{}: no short name for the document «{official}»",
                    detail.code
                ));
            };
            match (named.kind.as_str(), short.kind.as_str()) {
                ("note", _) | (_, "note") => notices.push(Notice {
                    code: "portal_note".to_owned(),
                    when: when.clone(),
                    vi: short.short_vi.clone(),
                    en: short.short_en.clone(),
                    blocks: false,
                }),
                (_, "heading") => {}
                _ => documents.push(DocumentRule {
                    id: format!("d{}", documents.len() + 1),
                    name_vi: short.short_vi.clone(),
                    name_en: short.short_en.clone(),
                    official: Some(official),
                    originals: doc.originals,
                    copies: doc.copies,
                    action,
                    when: when.clone(),
                    note_vi: None,
                    note_en: None,
                }),
            }
        }
    }
    Ok(Checklist {
        cases: (!options.is_empty()).then_some(CaseQuestion { options }),
        documents,
        notices,
    })
}
