//! Finding a procedure from what a person types, over the whole national
//! catalogue: an inverted index over folded words (see [`super::fold`]) with
//! exact, prefix (the word being typed) and one-typo matches; words weighed
//! by how rare they are; synonyms for the words people still use ("hộ
//! khẩu", "CMND", "sổ đỏ"); near-duplicates ordered by how much of the name
//! the query covers, so the general case comes before "… lưu động" or "… có
//! yếu tố nước ngoài". The score is calibrated to [0, 1] and a hit is
//! `good` or `weak` (a suggestion).

mod index;
mod query;
mod stored;
mod typo;

use serde::Serialize;

pub use index::SearchIndex;
use query::{Query, QueryWord};

use super::fold::fold_plain;
use super::model::Group;

/// How sure a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The query says what the procedure is.
    Good,
    /// Only part of the query matches: show as a suggestion.
    Weak,
}

/// One search result, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchHit {
    /// National procedure code.
    pub code: String,
    /// The official name in Vietnamese.
    pub name_vi: String,
    /// The short name for screens.
    pub short_vi: String,
    /// The name in English, where written.
    pub name_en: Option<String>,
    /// Confidence in [0, 1] (see `match`).
    pub score: f64,
    /// `good` at 0.6 and above, else `weak`.
    #[serde(rename = "match")]
    pub match_kind: MatchKind,
}

/// Narrowing a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchFilter {
    /// Only procedures for this target group (`citizen`, `business`, …).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub group: Option<String>,
    /// Only procedures whose field contains this (any spelling).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub field: Option<String>,
}

/// The score at which a hit is `good`.
pub const GOOD: f64 = 0.6;
/// How well a query word matched an indexed word.
const Q_EXACT: f32 = 1.0;
const Q_PREFIX: f32 = 0.8;
const Q_PREFIX_OF_KNOWN: f32 = 0.4;
const Q_TYPO: f32 = 0.7;
/// A keyword the query covers fits a little less than the name.
const KEYWORD_FIT: f32 = 0.85;
/// Candidates beyond the limit that are ranked in full.
const SHORTLIST: usize = 60;

impl SearchIndex {
    /// The best `limit` procedures for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        self.search_with(query, &SearchFilter::default(), limit)
    }

    /// The best `limit` procedures for `query` that pass `filter`.
    pub fn search_with(&self, text: &str, filter: &SearchFilter, limit: usize) -> Vec<SearchHit> {
        let query = Query::parse(text, &self.synonyms);
        if query.words.is_empty() || limit == 0 {
            return Vec::new();
        }
        let allowed = self.allowed(filter);
        let n = self.entries.len();
        // Per word: the terms it matches with their quality, its weight,
        // and the entries it reaches with their best match.
        let matches: Vec<Vec<(u32, f32)>> =
            query.words.iter().map(|w| self.matching_terms(w)).collect();
        let weights: Vec<f32> = matches.iter().map(|m| self.word_weight(m)).collect();
        let mut dense = vec![0f32; n];
        let mut reach: Vec<Vec<(u32, f32)>> = vec![Vec::new(); query.words.len()];
        for i in query.needed() {
            let mut touched = Vec::new();
            for &(term, quality) in &matches[i] {
                for &(entry, field) in &self.postings[term as usize] {
                    let slot = &mut dense[entry as usize];
                    if *slot == 0.0 {
                        touched.push(entry);
                    }
                    *slot = slot.max(quality * field);
                }
            }
            reach[i] = touched
                .into_iter()
                .map(|e| (e, std::mem::take(&mut dense[e as usize])))
                .collect();
        }
        // Per slot: the best way of saying it, as a share of its words.
        let mut covered = vec![0f32; n];
        let mut weight_total = 0f32;
        let mut slot_best = vec![0f32; n];
        let mut alt_sum = vec![0f32; n];
        for slot in &query.slots {
            let slot_weight = slot
                .alternatives
                .iter()
                .flatten()
                .map(|&i| weights[i])
                .fold(1.0, f32::max);
            weight_total += slot_weight;
            let mut touched: Vec<u32> = Vec::new();
            for alt in &slot.alternatives {
                let alt_weight: f32 = alt
                    .iter()
                    .map(|&i| weights[i])
                    .sum::<f32>()
                    .max(f32::EPSILON);
                let mut alt_touched: Vec<u32> = Vec::new();
                for &i in alt {
                    for &(e, best) in &reach[i] {
                        if alt_sum[e as usize] == 0.0 {
                            alt_touched.push(e);
                        }
                        alt_sum[e as usize] += weights[i] * best;
                    }
                }
                for e in alt_touched {
                    let share = std::mem::take(&mut alt_sum[e as usize]) / alt_weight;
                    let b = &mut slot_best[e as usize];
                    if *b == 0.0 {
                        touched.push(e);
                    }
                    *b = b.max(share);
                }
            }
            for e in touched {
                covered[e as usize] += slot_weight * std::mem::take(&mut slot_best[e as usize]);
            }
        }
        let weight_total = weight_total.max(f32::EPSILON);
        let code = text.trim().to_lowercase();
        let mut ranked: Vec<(f32, f32, u32)> = covered
            .iter()
            .enumerate()
            .filter(|(e, c)| **c > 0.0 && allowed(*e))
            .map(|(e, c)| (c / weight_total, 0.0, e as u32))
            .filter(|(cov, _, _)| *cov >= 0.34)
            .collect();
        if let Some(e) = self.entries.iter().position(|e| e.code_folded == code) {
            ranked.retain(|r| r.2 as usize != e);
            ranked.push((1.0, 0.0, e as u32));
        }
        let shortlist = limit + SHORTLIST;
        if ranked.len() > shortlist {
            ranked.select_nth_unstable_by(shortlist - 1, |a, b| b.0.total_cmp(&a.0));
            ranked.truncate(shortlist);
        }
        for r in &mut ranked {
            let e = &self.entries[r.2 as usize];
            let exact_code = e.code_folded == code;
            let (fit, pairs) = self.fit(e, &query, &matches);
            let confidence = if exact_code {
                2.0
            } else {
                let base = r.0 * r.0 * (0.55 + 0.45 * fit) * (0.75 + 0.25 * pairs);
                base + self.spelling(e, &query)
            };
            // The prior orders near-equals; the score shown stays in step
            // with the order.
            r.0 = confidence + e.prior;
            r.1 = r.0.clamp(0.0, 1.0);
        }
        ranked.sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| {
                    self.entries[a.2 as usize]
                        .name_vi
                        .len()
                        .cmp(&self.entries[b.2 as usize].name_vi.len())
                })
                .then_with(|| {
                    self.entries[a.2 as usize]
                        .code
                        .cmp(&self.entries[b.2 as usize].code)
                })
        });
        ranked
            .into_iter()
            .take(limit)
            .map(|(_, confidence, entry)| {
                let e = &self.entries[entry as usize];
                let score = (f64::from(confidence) * 1000.0).round() / 1000.0;
                SearchHit {
                    code: e.code.clone(),
                    name_vi: e.name_vi.clone(),
                    short_vi: e.short_vi.clone(),
                    name_en: e.name_en.clone(),
                    score,
                    match_kind: if score >= GOOD {
                        MatchKind::Good
                    } else {
                        MatchKind::Weak
                    },
                }
            })
            .collect()
    }

    /// A filter as a test on entry positions.
    fn allowed(&self, filter: &SearchFilter) -> impl Fn(usize) -> bool + '_ {
        let group = filter.group.as_deref().map(parse_group);
        let field = filter
            .field
            .as_deref()
            .map(fold_plain)
            .filter(|f| !f.is_empty());
        move |e| {
            let entry = &self.entries[e];
            group.is_none_or(|g| entry.groups.contains(&g))
                && field
                    .as_ref()
                    .is_none_or(|f| entry.fields.iter().any(|x| x.contains(f.as_str())))
        }
    }

    /// How much a word counts: its rarest matching term's weight.
    fn word_weight(&self, terms: &[(u32, f32)]) -> f32 {
        terms
            .iter()
            .map(|&(t, _)| self.idf[t as usize])
            .fold(0.0, f32::max)
            .max(1.0)
    }

    /// How much of the entry's best name or keyword the query covers (the
    /// general case has no words the query lacks), and how many of the
    /// query's neighbouring required words stand together in it.
    fn fit(&self, e: &index::Entry, query: &Query, matches: &[Vec<(u32, f32)>]) -> (f32, f32) {
        let quality_of = |term: u32| {
            matches
                .iter()
                .flat_map(|m| m.iter())
                .filter(|(t, _)| *t == term)
                .map(|(_, q)| *q)
                .fold(0.0, f32::max)
        };
        // Each name word weighs its rarity: a missing "trình báo mất" says
        // the name is a variant, a missing "cấp" says little.
        let mut best_fit = 0f32;
        for (phrase, is_name) in &e.phrases {
            let (got, all) = phrase.iter().fold((0f32, 0f32), |(got, all), &t| {
                let idf = self.idf[t as usize];
                (got + idf * quality_of(t), all + idf)
            });
            let scale = if *is_name { 1.0 } else { KEYWORD_FIT };
            best_fit = best_fit.max(scale * got / all.max(f32::EPSILON));
        }
        // Neighbouring single words of the query standing together.
        let required: Vec<usize> = query
            .slots
            .iter()
            .filter(|s| s.alternatives.len() == 1 && s.alternatives[0].len() == 1)
            .map(|s| s.alternatives[0][0])
            .collect();
        if required.len() < 2 {
            return (best_fit, 1.0);
        }
        let together = required
            .windows(2)
            .filter(|pair| {
                e.phrases.iter().any(|(phrase, _)| {
                    phrase.windows(2).any(|w| {
                        matches[pair[0]].iter().any(|(t, _)| *t == w[0])
                            && matches[pair[1]].iter().any(|(t, _)| *t == w[1])
                    })
                })
            })
            .count();
        (best_fit, together as f32 / (required.len() - 1) as f32)
    }

    /// A small bonus when the tones typed match the name's spelling.
    fn spelling(&self, e: &index::Entry, query: &Query) -> f32 {
        0.01 * query
            .words
            .iter()
            .filter_map(|w| w.toned.as_deref())
            .filter(|t| e.toned.binary_search_by(|x| x.as_str().cmp(t)).is_ok())
            .count() as f32
    }

    /// Terms matching a query word: itself, words it begins (for the word
    /// being typed), and words one typo away (for words of 4+ letters).
    fn matching_terms(&self, word: &QueryWord) -> Vec<(u32, f32)> {
        let w = word.plain.as_str();
        let mut found: Vec<(u32, f32)> = Vec::new();
        let add = |id: u32, q: f32, found: &mut Vec<(u32, f32)>| match found
            .iter_mut()
            .find(|(t, _)| *t == id)
        {
            Some(slot) => slot.1 = slot.1.max(q),
            None => found.push((id, q)),
        };
        let exact = self.term_ids.get(w).copied();
        if let Some(id) = exact {
            add(id, Q_EXACT, &mut found);
        }
        let len = w.chars().count();
        if word.last && len >= 2 {
            let quality = if exact.is_some() {
                Q_PREFIX_OF_KNOWN
            } else {
                Q_PREFIX
            };
            let start = self
                .sorted
                .partition_point(|&t| self.terms[t as usize].as_str() < w);
            for &id in self.sorted[start..].iter().take(64) {
                let term = &self.terms[id as usize];
                if !term.starts_with(w) {
                    break;
                }
                if term.len() > w.len() {
                    add(id, quality, &mut found);
                }
            }
        }
        // A word the catalogue knows is taken as typed, not as a typo; a
        // short one may still miss a letter ("sih" for "sinh"). Terms of
        // 4+ letters one edit away, looked for among those of a length
        // one either side.
        if exact.is_none() && len >= 3 {
            let lengths = if len >= 4 {
                len - 1..len + 2
            } else {
                len + 1..len + 2
            };
            for l in lengths {
                for &id in self.by_len.get(l).into_iter().flatten() {
                    if typo::within_one_edit(w, &self.terms[id as usize]) {
                        add(id, Q_TYPO, &mut found);
                    }
                }
            }
        }
        found
    }
}

/// `citizen`, `business`, … (unknown names match nothing).
fn parse_group(name: &str) -> Group {
    match name.trim().to_lowercase().as_str() {
        "citizen" | "cong-dan" => Group::Citizen,
        "business" | "doanh-nghiep" => Group::Business,
        "foreigner" => Group::Foreigner,
        "overseas" => Group::Overseas,
        "organisation" | "organization" => Group::Organisation,
        "official" => Group::Official,
        _ => Group::Other,
    }
}

#[cfg(test)]
mod tests;
