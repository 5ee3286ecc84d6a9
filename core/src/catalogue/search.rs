//! Finding a procedure from what a person types: an inverted index over
//! folded words (see [`super::fold`]), exact, prefix (the word being typed)
//! and one-typo matches, ranked by field weight, coverage of the query, an
//! exact-phrase bonus and the spelling typed.

use std::collections::HashMap;

use serde::Serialize;

use super::fold::{fold_plain, fold_words};
use super::model::{CatalogueData, Procedure};

/// One search result, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchHit {
    /// National procedure code.
    pub code: String,
    /// Name in Vietnamese.
    pub name_vi: String,
    /// Name in English.
    pub name_en: String,
    /// Relevance; higher is better (not comparable across queries).
    pub score: f64,
}

/// How much a word found in each field counts.
const W_NAME_VI: f32 = 3.0;
const W_NAME_EN: f32 = 2.0;
const W_KEYWORD: f32 = 2.5;
const W_ACRONYM: f32 = 2.0;
const W_FIELD: f32 = 1.0;
const W_DOCUMENT: f32 = 0.6;
/// How well a query word matched an indexed word.
const Q_EXACT: f32 = 1.0;
const Q_PREFIX: f32 = 0.8;
const Q_PREFIX_OF_KNOWN: f32 = 0.4;
/// Candidates beyond the limit that still get the phrase bonuses.
const SHORTLIST_EXTRA: usize = 40;
const Q_TYPO: f32 = 0.65;

struct Entry {
    code: String,
    code_folded: String,
    name_vi: String,
    name_en: String,
    /// Folded name and keyword phrases, for the exact-phrase bonus.
    name_phrases: Vec<String>,
    keyword_phrases: Vec<String>,
    /// Toned forms of every indexed word, sorted (spelling bonus).
    toned: Vec<String>,
}

/// The search index of one catalogue version; built once, read often.
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Vocabulary, sorted (prefix ranges).
    terms: Vec<String>,
    term_ids: HashMap<String, u32>,
    /// Per term: (entry, weight), one per entry at its best weight.
    postings: Vec<Vec<(u32, f32)>>,
    /// Single-deletion variants of terms of 4+ letters → terms.
    deletions: HashMap<String, Vec<u32>>,
}

impl SearchIndex {
    /// Builds the index of `data`.
    pub fn build(data: &CatalogueData) -> Self {
        let mut words: Vec<HashMap<String, f32>> = Vec::with_capacity(data.procedures.len());
        let mut entries = Vec::with_capacity(data.procedures.len());
        for p in &data.procedures {
            let (weights, entry) = index_procedure(p);
            words.push(weights);
            entries.push(entry);
        }
        let mut terms: Vec<String> = words.iter().flat_map(|w| w.keys().cloned()).collect();
        terms.sort_unstable();
        terms.dedup();
        let term_ids: HashMap<String, u32> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let mut postings = vec![Vec::new(); terms.len()];
        for (entry, weights) in words.iter().enumerate() {
            for (word, weight) in weights {
                if let Some(&id) = term_ids.get(word) {
                    postings[id as usize].push((entry as u32, *weight));
                }
            }
        }
        let mut deletions: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, term) in terms.iter().enumerate() {
            if term.chars().count() >= 4 {
                for d in single_deletions(term) {
                    deletions.entry(d).or_default().push(id as u32);
                }
            }
        }
        Self {
            entries,
            terms,
            term_ids,
            postings,
            deletions,
        }
    }

    /// Number of procedures indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` procedures for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let words = fold_words(query);
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        let code_query = query.trim().to_lowercase();
        let n = self.entries.len();
        let mut score = vec![0f32; n];
        let mut matched = vec![0u16; n];
        let mut best = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut candidates: Vec<u32> = Vec::new();
        let by_code = self
            .entries
            .iter()
            .position(|e| e.code_folded == code_query);
        if let Some(entry) = by_code {
            candidates.push(entry as u32);
            matched[entry] = 1;
        }
        for (i, word) in words.iter().enumerate() {
            let last = i + 1 == words.len();
            for (term, quality) in self.matching_terms(&word.plain, last) {
                for &(entry, weight) in &self.postings[term as usize] {
                    let slot = &mut best[entry as usize];
                    if *slot == 0.0 {
                        touched.push(entry);
                    }
                    *slot = slot.max(quality * weight);
                }
            }
            for &entry in &touched {
                let e = entry as usize;
                if matched[e] == 0 && by_code != Some(e) {
                    candidates.push(entry);
                }
                score[e] += best[e];
                matched[e] += 1;
                best[e] = 0.0;
            }
            touched.clear();
        }
        let plain_words: Vec<&str> = words.iter().map(|w| w.plain.as_str()).collect();
        let phrase = plain_words.join(" ");
        let typed_tones: Vec<&str> = words
            .iter()
            .filter(|w| w.toned != w.plain)
            .map(|w| w.toned.as_str())
            .collect();
        let total = words.len() as f32;
        // With several words, a procedure must match at least half of them.
        let needed = words.len().div_ceil(2) as u16;
        // Stage 1: a base score for every candidate from its matched words.
        let mut ranked: Vec<(f32, u32)> = candidates
            .into_iter()
            .filter(|&entry| matched[entry as usize] >= needed || by_code == Some(entry as usize))
            .map(|entry| {
                let coverage = f32::from(matched[entry as usize]) / total;
                let mut s = score[entry as usize] / total * coverage * coverage;
                if by_code == Some(entry as usize) {
                    s += 100.0;
                }
                (s, entry)
            })
            .collect();
        // Stage 2: phrase, word-pair and spelling bonuses for the leaders only.
        let shortlist = limit + SHORTLIST_EXTRA;
        if ranked.len() > shortlist {
            ranked.select_nth_unstable_by(shortlist - 1, |a, b| b.0.total_cmp(&a.0));
            ranked.truncate(shortlist);
        }
        let pairs: Vec<String> = plain_words
            .windows(2)
            .map(|w| format!("{} {}", w[0], w[1]))
            .collect();
        for (s, entry) in &mut ranked {
            let e = &self.entries[*entry as usize];
            let coverage = f32::from(matched[*entry as usize]) / total;
            if coverage >= 0.5 && plain_words.len() > 2 {
                *s += pair_bonus(e, &pairs);
            }
            if coverage >= 1.0 {
                *s += phrase_bonus(e, &phrase);
                *s += 0.1
                    * typed_tones
                        .iter()
                        .filter(|t| e.toned.binary_search_by(|x| x.as_str().cmp(t)).is_ok())
                        .count() as f32;
            }
        }
        let order = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| {
                    self.entries[a.1 as usize]
                        .name_vi
                        .len()
                        .cmp(&self.entries[b.1 as usize].name_vi.len())
                })
                .then_with(|| {
                    self.entries[a.1 as usize]
                        .code
                        .cmp(&self.entries[b.1 as usize].code)
                })
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        ranked
            .into_iter()
            .take(limit)
            .map(|(s, entry)| {
                let e = &self.entries[entry as usize];
                SearchHit {
                    code: e.code.clone(),
                    name_vi: e.name_vi.clone(),
                    name_en: e.name_en.clone(),
                    score: (f64::from(s) * 1000.0).round() / 1000.0,
                }
            })
            .collect()
    }

    /// Terms matching a query word: itself, words it begins (for the word
    /// being typed), and words one typo away (for words of 4+ letters).
    fn matching_terms(&self, word: &str, last: bool) -> Vec<(u32, f32)> {
        let mut found: Vec<(u32, f32)> = Vec::new();
        let add = |id: u32, q: f32, found: &mut Vec<(u32, f32)>| match found
            .iter_mut()
            .find(|(t, _)| *t == id)
        {
            Some(slot) => slot.1 = slot.1.max(q),
            None => found.push((id, q)),
        };
        let exact = self.term_ids.get(word).copied();
        if let Some(id) = exact {
            add(id, Q_EXACT, &mut found);
        }
        let len = word.chars().count();
        if last && len >= 2 {
            // A known word may still be the start of a longer one, but less likely.
            let quality = if exact.is_some() {
                Q_PREFIX_OF_KNOWN
            } else {
                Q_PREFIX
            };
            let start = self.terms.partition_point(|t| t.as_str() < word);
            for (offset, term) in self.terms[start..].iter().take(64).enumerate() {
                if !term.starts_with(word) {
                    break;
                }
                if term.len() > word.len() {
                    add((start + offset) as u32, quality, &mut found);
                }
            }
        }
        // A word the catalogue knows is taken as typed, not as a typo.
        if len >= 4 && exact.is_none() {
            // The person left a letter out: the word is a deletion of a term.
            for &id in self.deletions.get(word).into_iter().flatten() {
                add(id, Q_TYPO, &mut found);
            }
            for d in single_deletions(word) {
                // An extra letter: a deletion of the word is a term.
                if let Some(&id) = self.term_ids.get(&d) {
                    add(id, Q_TYPO, &mut found);
                }
                // A wrong or swapped letter: both share a deletion.
                for &id in self.deletions.get(&d).into_iter().flatten() {
                    if within_one_edit(word, &self.terms[id as usize]) {
                        add(id, Q_TYPO, &mut found);
                    }
                }
            }
        }
        found
    }
}

/// Bonus for the whole query standing as a phrase in the name or a keyword.
fn phrase_bonus(e: &Entry, phrase: &str) -> f32 {
    let in_names = |f: &dyn Fn(&String) -> bool| e.name_phrases.iter().any(f);
    let in_keywords = |f: &dyn Fn(&String) -> bool| e.keyword_phrases.iter().any(f);
    if in_names(&|p| p == phrase) {
        4.0
    } else if in_keywords(&|p| p == phrase) {
        3.5
    } else if in_names(&|p| contains_phrase(p, phrase)) {
        3.0
    } else if in_keywords(&|p| contains_phrase(p, phrase)) {
        2.0
    } else {
        0.0
    }
}

/// Bonus for each pair of neighbouring query words standing together in
/// the name or a keyword (when the whole query does not).
fn pair_bonus(e: &Entry, pairs: &[String]) -> f32 {
    pairs
        .iter()
        .filter(|pair| {
            e.name_phrases
                .iter()
                .chain(&e.keyword_phrases)
                .any(|p| contains_phrase(p, pair))
        })
        .count() as f32
        * 0.5
}

/// `needle` stands in `hay` on word boundaries.
fn contains_phrase(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = i == 0 || hay.as_bytes()[i - 1] == b' ';
        let end = i + needle.len();
        let after = end == hay.len() || hay.as_bytes()[end] == b' ';
        before && after
    })
}

fn index_procedure(p: &Procedure) -> (HashMap<String, f32>, Entry) {
    let mut weights: HashMap<String, f32> = HashMap::new();
    let mut toned: Vec<String> = Vec::new();
    let add_text =
        |text: &str, weight: f32, weights: &mut HashMap<String, f32>, toned: &mut Vec<String>| {
            for w in fold_words(text) {
                let slot = weights.entry(w.plain).or_insert(0.0);
                *slot = slot.max(weight);
                toned.push(w.toned);
            }
        };
    add_text(&p.name_vi, W_NAME_VI, &mut weights, &mut toned);
    add_text(&p.name_en, W_NAME_EN, &mut weights, &mut toned);
    add_text(&p.field_vi, W_FIELD, &mut weights, &mut toned);
    add_text(&p.field_en, W_FIELD, &mut weights, &mut toned);
    for k in &p.keywords {
        add_text(k, W_KEYWORD, &mut weights, &mut toned);
    }
    for d in &p.documents {
        add_text(&d.name_vi, W_DOCUMENT, &mut weights, &mut toned);
        add_text(&d.name_en, W_DOCUMENT, &mut weights, &mut toned);
    }
    let name_phrases = vec![fold_plain(&p.name_vi), fold_plain(&p.name_en)];
    let keyword_phrases: Vec<String> = p.keywords.iter().map(|k| fold_plain(k)).collect();
    for phrase in name_phrases.iter().chain(&keyword_phrases) {
        if let Some(acronym) = acronym(phrase) {
            let slot = weights.entry(acronym).or_insert(0.0);
            *slot = slot.max(W_ACRONYM);
        }
    }
    toned.sort_unstable();
    toned.dedup();
    let entry = Entry {
        code: p.code.clone(),
        code_folded: p.code.to_lowercase(),
        name_vi: p.name_vi.clone(),
        name_en: p.name_en.clone(),
        name_phrases,
        keyword_phrases,
        toned,
    };
    (weights, entry)
}

/// First letters of a phrase of 2+ words: `dang ki khai sinh` → `dkks`.
fn acronym(phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
    (words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_alphabetic())))
    .then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

/// Every string made by removing one character of `word`.
fn single_deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

/// Optimal-string-alignment distance of at most one (one letter wrong,
/// missing, extra, or two neighbours swapped).
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if prefix == a.len() && prefix == b.len() {
        return true;
    }
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::validate::parse_catalogue;

    fn index() -> SearchIndex {
        SearchIndex::build(
            &parse_catalogue(include_str!("../../testdata/mini-catalogue.json")).unwrap(),
        )
    }

    fn top(q: &str) -> String {
        index()
            .search(q, 5)
            .first()
            .map(|h| h.code.clone())
            .unwrap_or_default()
    }

    #[test]
    fn what_people_type_finds_the_procedure() {
        for q in [
            "khai sinh",
            "KHAI SINH",
            "đăng ký khai sinh",
            "dang ky khai sinh",
            "dang ki khai sinh",
            "Đa\u{0306}ng ky\u{0301} khai sinh",
            "khai sihn",
            "birth certificate",
            "lam khai sinh cho con",
            "dkks",
            "1.001193",
        ] {
            assert_eq!(top(q), "1.001193", "{q}");
        }
        for q in ["ket hon", "kết hôn", "ket hno", "marriage", "đkkh"] {
            assert_eq!(top(q), "1.000894", "{q}");
        }
        for q in [
            "bhyt",
            "the bao hiem y te",
            "mat the bhyt",
            "cap lai the bao hiem",
        ] {
            assert_eq!(top(q), "x.cap-lai-the-bhyt", "{q}");
        }
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix() {
        assert_eq!(top("dang ky ket h"), "1.000894");
        assert_eq!(top("khai si"), "1.001193");
    }

    #[test]
    fn the_exact_phrase_ranks_first() {
        let hits = index().search("dang ky", 5);
        assert!(hits.len() >= 2);
        let hits = index().search("đăng ký kết hôn", 5);
        assert_eq!(hits[0].code, "1.000894");
        assert!(hits.get(1).is_none_or(|h| h.score < hits[0].score));
    }

    #[test]
    fn nonsense_and_empty_queries_find_nothing() {
        assert!(index().search("", 5).is_empty());
        assert!(index().search("   ,;  ", 5).is_empty());
        assert!(index().search("zzzz qqqq", 5).is_empty());
        assert!(index().search("khai sinh", 0).is_empty());
    }

    #[test]
    fn the_query_set_finds_the_right_procedure_first_nine_times_in_ten() {
        #[derive(serde::Deserialize)]
        struct Query {
            query: String,
            expect: String,
        }
        let data = parse_catalogue(crate::catalogue::BUNDLED_JSON).unwrap();
        let index = SearchIndex::build(&data);
        let queries: Vec<Query> =
            serde_json::from_str(include_str!("../../data/search-queries.json")).unwrap();
        for q in &queries {
            assert!(
                data.procedures.iter().any(|p| p.code == q.expect),
                "unknown code {}",
                q.expect
            );
        }
        let misses: Vec<String> = queries
            .iter()
            .filter_map(|q| {
                let top = index
                    .search(&q.query, 1)
                    .first()
                    .map(|h| h.code.clone())
                    .unwrap_or_default();
                (top != q.expect).then(|| format!("{:?} -> {top:?}, want {}", q.query, q.expect))
            })
            .collect();
        let accuracy = 1.0 - misses.len() as f64 / queries.len() as f64;
        assert!(queries.len() >= 120);
        assert!(
            accuracy >= 0.9,
            "top-1 accuracy {accuracy:.3}; misses:\n{}",
            misses.join("\n")
        );
    }

    #[test]
    fn one_edit_means_one_wrong_missing_extra_or_swapped_letter() {
        assert!(within_one_edit("sinh", "sinh"));
        assert!(within_one_edit("sihn", "sinh"));
        assert!(within_one_edit("sinhh", "sinh"));
        assert!(within_one_edit("snh", "sinh"));
        assert!(within_one_edit("sonh", "sinh"));
        assert!(within_one_edit("snih", "sinh"));
        assert!(!within_one_edit("xinhh", "sinh"));
        assert!(!within_one_edit("abcd", "badc"));
    }

    #[test]
    fn acronyms_come_from_multi_word_phrases() {
        assert_eq!(acronym("giay phep lai xe").as_deref(), Some("gplx"));
        assert_eq!(acronym("gplx"), None);
    }

    #[test]
    fn phrases_match_on_word_boundaries_only() {
        assert!(contains_phrase("dang ki khai sinh", "khai sinh"));
        assert!(!contains_phrase("dang ki khai sinhx", "khai sinh"));
    }
}
