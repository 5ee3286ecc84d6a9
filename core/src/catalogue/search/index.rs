//! The inverted index of one catalogue version: folded words → the
//! procedures that have them, with where (name, keyword, field, document)
//! and how rare the word is.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::super::fold::{fold_each, fold_plain, fold_words};
use super::super::model::{CatalogueData, Group, Level, Procedure};

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

impl Entry {
    /// The entry of `p` with what folding its texts gave.
    pub(super) fn of(
        p: &Procedure,
        phrases: Vec<(Vec<u32>, bool)>,
        toned: Vec<String>,
        fields: Vec<String>,
    ) -> Self {
        Self {
            code: p.code.clone(),
            code_folded: p.code.to_lowercase(),
            name_vi: p.name_vi.clone(),
            short_vi: p.short_vi.clone(),
            name_en: p.name_en.clone(),
            phrases,
            toned,
            fields,
            groups: p.groups.clone(),
            prior: prior(p),
        }
    }
}

/// The search index of one catalogue version; built once, read often.
pub struct SearchIndex {
    pub(super) entries: Vec<Entry>,
    /// Vocabulary, by id.
    pub(super) terms: Vec<String>,
    /// Term ids in the vocabulary's sort order (prefix ranges).
    pub(super) sorted: Vec<u32>,
    pub(super) term_ids: HashMap<String, u32, BuildHasherDefault<Fnv>>,
    /// Per term: (entry, weight), one per entry at its best weight.
    pub(super) postings: Vec<Vec<(u32, f32)>>,
    /// Per term: inverse document frequency.
    pub(super) idf: Vec<f32>,
    /// Terms of 4+ letters by their length in characters (typo matching
    /// looks at lengths one either side of the word typed).
    pub(super) by_len: Vec<Vec<u32>>,
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
        let mut term_ids: HashMap<String, u32, BuildHasherDefault<Fnv>> = HashMap::default();
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
                let mut ids = Vec::new();
                let mut initials = Initials::default();
                fold_each(text, |plain, toned_word| {
                    let id = id_of(plain, &mut terms, &mut postings);
                    post(id, weight, &mut postings);
                    if phrase {
                        initials.add(plain);
                        if !(plain.len() <= 5 && NAME_FILLER.contains(&plain)) {
                            ids.push(id);
                            // Only marked words can earn the spelling bonus.
                            if toned_word != plain {
                                toned.push(toned_word.to_owned());
                            }
                        }
                    }
                });
                if phrase {
                    if let Some(a) = initials.acronym() {
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
            let fields = p.fields.iter().map(|f| fold_plain(f)).collect();
            entries.push(Entry::of(p, phrases, toned, fields));
        }
        let total = entries.len().max(1) as f32;
        let idf = postings
            .iter()
            .map(|list| (1.0 + total / list.len().max(1) as f32).ln())
            .collect();
        let mut by_len: Vec<Vec<u32>> = Vec::new();
        for (id, term) in terms.iter().enumerate() {
            let len = term.chars().count();
            if len >= 4 {
                if by_len.len() <= len {
                    by_len.resize_with(len + 1, Vec::new);
                }
                by_len[len].push(id as u32);
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
            by_len,
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
    if !name.contains('(') {
        return name;
    }
    [
        "(thực hiện tại cấp",
        "(Thực hiện tại cấp",
        "(thực hiện ở cấp",
        "(cấp ",
        "(Cấp ",
    ]
    .iter()
    .filter_map(|m| name.find(m))
    .min()
    .and_then(|at| name.get(..at))
    .map_or(name, str::trim_end)
}

/// The texts of a procedure: (text, weight, is a phrase, is a name).
fn texts(p: &Procedure) -> Vec<(&str, f32, bool, bool)> {
    let name = without_level(&p.name_vi);
    let short = without_level(&p.short_vi);
    let mut out = vec![(name, W_NAME, true, true)];
    // The converter's own cut of a long name adds nothing; a short name
    // the team wrote does.
    let cut = short.ends_with('…') && name.starts_with(short.trim_end_matches('…'));
    if short != name && !cut {
        out.push((short, W_NAME, true, true));
    }
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

/// First letters of a phrase as it is folded: `giay phep lai xe` → `gplx`
/// (phrases of 2+ words of plain letters only).
#[derive(Default)]
struct Initials {
    letters: String,
    words: usize,
    plain: bool,
}

impl Initials {
    fn add(&mut self, word: &str) {
        if self.words == 0 {
            self.plain = true;
        }
        self.words += 1;
        self.plain &= word.chars().all(|c| c.is_ascii_alphabetic());
        self.letters.extend(word.chars().next());
    }

    fn acronym(self) -> Option<String> {
        (self.words >= 2 && self.plain).then_some(self.letters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initials(text: &str) -> Option<String> {
        let mut i = Initials::default();
        fold_each(text, |plain, _| i.add(plain));
        i.acronym()
    }

    #[test]
    fn acronyms_come_from_phrases_of_two_or_more_plain_words() {
        assert_eq!(initials("Giấy phép lái xe").as_deref(), Some("gplx"));
        assert_eq!(initials("khai"), None);
        assert_eq!(initials("thẻ 14 tuổi"), None);
    }
}

/// FNV-1a: the vocabulary is a few thousand short words from a validated
/// catalogue, hashed a few hundred thousand times at load; SipHash's
/// flooding defence is not needed there and costs a tenth of the load.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
