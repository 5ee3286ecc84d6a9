//! The inverted index of one catalogue version: folded words → the
//! procedures that have them, with where (name, keyword, field, document)
//! and how rare the word is.

use std::collections::HashMap;

use super::super::fold::fold_words;
use super::super::model::{CatalogueData, Group, Level, Procedure};
use super::typo::{acronym, single_deletions};

/// How much a word found in each part counts (a name or keyword is full).
pub(super) const W_NAME: f32 = 1.0;
const W_NAME_EN: f32 = 0.9;
const W_KEYWORD: f32 = 1.0;
const W_ACRONYM: f32 = 0.9;
const W_FIELD: f32 = 0.45;
const W_DOCUMENT: f32 = 0.35;

/// One procedure as the index sees it.
pub(super) struct Entry {
    pub code: String,
    pub code_folded: String,
    pub name_vi: String,
    pub short_vi: String,
    pub name_en: Option<String>,
    /// The names and keywords as term ids (coverage, word pairs), each
    /// with whether it is a name (a keyword covers a little less).
    pub phrases: Vec<(Vec<u32>, bool)>,
    /// Toned forms of the name's and keywords' words, sorted (spelling bonus).
    pub toned: Vec<String>,
    /// Folded fields (filter).
    pub fields: Vec<String>,
    /// Target groups (filter, prior).
    pub groups: Vec<Group>,
    /// A small lift for what people at a post office mean most: the
    /// team's curated procedures, procedures for citizens, local levels.
    pub prior: f32,
}

/// The search index of one catalogue version; built once, read often.
pub struct SearchIndex {
    pub(super) entries: Vec<Entry>,
    /// Vocabulary, by id.
    pub(super) terms: Vec<String>,
    /// Term ids in the vocabulary's sort order (prefix ranges).
    pub(super) sorted: Vec<u32>,
    pub(super) term_ids: HashMap<String, u32>,
    /// Per term: (entry, weight), one per entry at its best weight.
    pub(super) postings: Vec<Vec<(u32, f32)>>,
    /// Per term: inverse document frequency.
    pub(super) idf: Vec<f32>,
    /// Single-deletion variants of terms of 4+ letters → terms.
    pub(super) deletions: HashMap<String, Vec<u32>>,
    /// Synonyms, folded: says → means.
    pub(super) synonyms: Vec<(Vec<String>, Vec<String>)>,
}

/// Words of a name that say nothing about which procedure it is.
const NAME_FILLER: &[&str] = &[
    "cho", "cua", "va", "doi", "voi", "tai", "thuc", "hien", "theo", "trong", "the", "of", "and",
    "for", "a", "an", "to", "in",
];

impl SearchIndex {
    /// Builds the index of `data`.
    pub fn build(data: &CatalogueData) -> Self {
        let mut terms: Vec<String> = Vec::new();
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<(u32, f32)>> = Vec::new();
        let mut entries = Vec::with_capacity(data.procedures.len());
        let mut id_of =
            |w: &str, terms: &mut Vec<String>, postings: &mut Vec<Vec<(u32, f32)>>| -> u32 {
                if let Some(&id) = term_ids.get(w) {
                    return id;
                }
                let id = terms.len() as u32;
                terms.push(w.to_owned());
                postings.push(Vec::new());
                term_ids.insert(w.to_owned(), id);
                id
            };
        for (n, p) in data.procedures.iter().enumerate() {
            let entry = n as u32;
            let post = |id: u32, weight: f32, postings: &mut Vec<Vec<(u32, f32)>>| {
                let list = &mut postings[id as usize];
                match list.last_mut() {
                    Some((e, w)) if *e == entry => *w = w.max(weight),
                    _ => list.push((entry, weight)),
                }
            };
            let mut phrases = Vec::new();
            let mut toned = Vec::new();
            for (text, weight, phrase, is_name) in texts(p) {
                let words = fold_words(text);
                let mut ids = Vec::with_capacity(words.len());
                for w in &words {
                    let id = id_of(&w.plain, &mut terms, &mut postings);
                    post(id, weight, &mut postings);
                    if phrase && !NAME_FILLER.contains(&w.plain.as_str()) {
                        ids.push(id);
                        toned.push(w.toned.clone());
                    }
                }
                if phrase {
                    let plain: Vec<String> = words.into_iter().map(|w| w.plain).collect();
                    if let Some(a) = acronym(&plain) {
                        let id = id_of(&a, &mut terms, &mut postings);
                        post(id, W_ACRONYM, &mut postings);
                    }
                    if !ids.is_empty() {
                        phrases.push((ids, is_name));
                    }
                }
            }
            toned.sort_unstable();
            toned.dedup();
            entries.push(Entry {
                code: p.code.clone(),
                code_folded: p.code.to_lowercase(),
                name_vi: p.name_vi.clone(),
                short_vi: p.short_vi.clone(),
                name_en: p.name_en.clone(),
                phrases,
                toned,
                fields: p
                    .fields
                    .iter()
                    .map(|f| super::super::fold::fold_plain(f))
                    .collect(),
                groups: p.groups.clone(),
                prior: prior(p),
            });
        }
        let total = entries.len().max(1) as f32;
        let idf = postings
            .iter()
            .map(|list| (1.0 + total / list.len().max(1) as f32).ln())
            .collect();
        let mut deletions: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, term) in terms.iter().enumerate() {
            if term.chars().count() >= 4 {
                for d in single_deletions(term) {
                    deletions.entry(d).or_default().push(id as u32);
                }
            }
        }
        // Sorted vocabulary for prefix ranges, with ids kept.
        let mut order: Vec<u32> = (0..terms.len() as u32).collect();
        order.sort_unstable_by(|a, b| terms[*a as usize].cmp(&terms[*b as usize]));
        let synonyms = data
            .synonyms
            .iter()
            .map(|s| {
                let f = |t: &str| fold_words(t).into_iter().map(|w| w.plain).collect();
                (f(&s.says), f(&s.means))
            })
            .collect();
        Self {
            entries,
            terms,
            sorted: order,
            term_ids,
            postings,
            idf,
            deletions,
            synonyms,
        }
    }

    /// Number of indexed procedures.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The name without the portal's level suffix ("(thực hiện tại cấp
/// tỉnh)", "(Cấp tỉnh)"): the level is a filter and a prior, not a word
/// people type.
fn without_level(name: &str) -> &str {
    let lower = name.to_lowercase();
    ["(thực hiện tại cấp", "(thực hiện ở cấp", "(cấp "]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .and_then(|at| name.get(..at))
        .map_or(name, str::trim_end)
}

/// The texts of a procedure: (text, weight, is a phrase, is a name).
fn texts(p: &Procedure) -> Vec<(&str, f32, bool, bool)> {
    let mut out = vec![
        (without_level(&p.short_vi), W_NAME, true, true),
        (without_level(&p.name_vi), W_NAME, true, true),
    ];
    if let Some(en) = &p.name_en {
        out.push((en, W_NAME_EN, true, true));
    }
    out.extend(
        p.keywords
            .iter()
            .map(|k| (k.as_str(), W_KEYWORD, true, false)),
    );
    out.extend(p.fields.iter().map(|f| (f.as_str(), W_FIELD, false, false)));
    if let Some(en) = &p.field_en {
        out.push((en, W_FIELD, false, false));
    }
    for d in &p.documents {
        out.push((&d.name_vi, W_DOCUMENT, false, false));
        out.push((&d.name_en, W_DOCUMENT, false, false));
    }
    out
}

fn prior(p: &Procedure) -> f32 {
    let mut lift = 0.0;
    if !p.keywords.is_empty() {
        lift += 0.02;
    }
    if p.groups.contains(&Group::Citizen) {
        lift += 0.015;
    }
    if !p.groups.is_empty()
        && p.groups
            .iter()
            .all(|g| matches!(g, Group::Official | Group::Other))
    {
        lift -= 0.05;
    }
    lift += match p.level {
        Some(Level::Commune) => 0.012,
        Some(Level::Province) => 0.006,
        _ => 0.0,
    };
    if !p.documents.is_empty() {
        lift += 0.005;
    }
    lift
}
