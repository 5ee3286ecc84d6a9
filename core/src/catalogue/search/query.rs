//! What a person typed, as the index reads it: folded words, the words
//! people say the catalogue words for (synonyms), and the words of a
//! sentence that carry no meaning for the search ("tôi muốn làm…").

use super::super::fold::{FoldedWord, fold_words};

/// Conversational words (folded): they count when a name has them and are
/// not missed when it does not.
const FILLER: &[&str] = &[
    "toi", "minh", "em", "anh", "chi", "muon", "can", "lam", "cho", "the", "nao", "gi", "o", "dau",
    "a", "oi", "giup", "cua", "bi", "duoc", "thi", "la", "nhu", "de", "xin", "hoi", "ve", "viec",
    "thu", "tuc", "giay", "to", "me", "bo", "ba", "con", "be", "chau", "vo", "chong", "nha", "ai",
    "phai", "gium", "voi", "moi", "roi", "sao", "bao", "lau", "nhieu", "tien", "i", "want", "how",
    "do", "my", "for", "an", "get", "need",
];

/// One word of the query.
#[derive(Debug, Clone)]
pub(super) struct QueryWord {
    /// Folded, without tones.
    pub plain: String,
    /// Folded with tones, when the person typed them.
    pub toned: Option<String>,
    /// The person is still typing it (the last word, no trailing space).
    pub last: bool,
}

/// One thing the query asks for: a word, or a phrase people say together
/// with the catalogue's words for it (either way of saying it counts).
#[derive(Debug, Clone)]
pub(super) struct Slot {
    /// Ways of saying it, each a list of word positions in `Query::words`.
    pub alternatives: Vec<Vec<usize>>,
}

/// A parsed query.
#[derive(Debug, Clone)]
pub(super) struct Query {
    /// Every word (typed ones in order, then synonym expansions).
    pub words: Vec<QueryWord>,
    /// What must be found; filler words are in no slot.
    pub slots: Vec<Slot>,
}

impl Query {
    /// Parses `text` with `synonyms` (folded `says` → folded `means`).
    pub fn parse(text: &str, synonyms: &[(Vec<String>, Vec<String>)]) -> Self {
        let folded: Vec<FoldedWord> = fold_words(text);
        let typing = !text.ends_with(char::is_whitespace);
        let count = folded.len();
        let mut words: Vec<QueryWord> = folded
            .into_iter()
            .enumerate()
            .map(|(i, w)| QueryWord {
                toned: (w.toned != w.plain).then_some(w.toned),
                last: typing && i + 1 == count,
                plain: w.plain,
            })
            .collect();
        let filler: Vec<bool> = words
            .iter()
            .map(|w| FILLER.contains(&w.plain.as_str()))
            .collect();
        // Not everything is filler: "cho con" alone still means something.
        let all_filler = filler.iter().all(|f| *f);
        let plain: Vec<String> = words.iter().map(|w| w.plain.clone()).collect();
        // Where a synonym stands: its first word → (its length, its meaning).
        let mut said: Vec<Option<(usize, &[String])>> = vec![None; count];
        let mut covered = vec![false; count];
        for (says, means) in synonyms {
            if let Some(at) = find_words(&plain, says)
                && !covered[at..at + says.len()].iter().any(|x| *x)
            {
                covered[at..at + says.len()]
                    .iter_mut()
                    .for_each(|x| *x = true);
                said[at] = Some((says.len(), means.as_slice()));
            }
        }
        let mut slots = Vec::new();
        for i in 0..count {
            if let Some((len, means)) = said[i] {
                let mut meant = Vec::new();
                for m in means {
                    meant.push(words.len());
                    words.push(QueryWord {
                        plain: m.clone(),
                        toned: None,
                        last: false,
                    });
                }
                slots.push(Slot {
                    alternatives: vec![(i..i + len).collect(), meant],
                });
            } else if !covered[i] && (all_filler || !filler[i]) {
                slots.push(Slot {
                    alternatives: vec![vec![i]],
                });
            }
        }
        Self { words, slots }
    }

    /// Positions of the words some slot needs, in order.
    pub fn needed(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .slots
            .iter()
            .flat_map(|s| s.alternatives.iter().flatten().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Where `needle` stands in `hay` as whole words.
fn find_words(hay: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syn(says: &str, means: &str) -> (Vec<String>, Vec<String>) {
        let f = |s: &str| fold_words(s).into_iter().map(|w| w.plain).collect();
        (f(says), f(means))
    }

    #[test]
    fn filler_words_are_optional_and_synonyms_are_another_way_of_saying_it() {
        let q = Query::parse("tôi muốn nhập hộ khẩu", &[syn("hộ khẩu", "thường trú")]);
        let said = |alt: &Vec<usize>| {
            alt.iter()
                .map(|&i| q.words[i].plain.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let slots: Vec<Vec<String>> = q
            .slots
            .iter()
            .map(|s| s.alternatives.iter().map(said).collect())
            .collect();
        assert_eq!(
            slots,
            [
                vec!["nhap".to_owned()],
                vec!["ho khau".to_owned(), "thuong tru".to_owned()]
            ]
        );
    }

    #[test]
    fn a_query_of_filler_only_keeps_its_words() {
        let q = Query::parse("cho con", &[]);
        assert_eq!(q.slots.len(), 2);
    }
}
