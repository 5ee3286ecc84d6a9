//! Spelling slips: one letter wrong, missing, extra, or two swapped.

/// Every string made by removing one character of `word`.
pub(super) fn single_deletions(word: &str) -> Vec<String> {
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
pub(super) fn within_one_edit(a: &str, b: &str) -> bool {
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

/// First letters of a phrase of 2+ words: `dang ki khai sinh` → `dkks`.
pub(super) fn acronym(words: &[String]) -> Option<String> {
    (words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_alphabetic())))
    .then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_means_one_wrong_missing_extra_or_swapped_letter() {
        assert!(within_one_edit("khai", "khia"));
        assert!(within_one_edit("khai", "kai"));
        assert!(within_one_edit("khai", "khaai"));
        assert!(within_one_edit("khai", "khan"));
        assert!(!within_one_edit("khai", "ihka"));
        assert!(!within_one_edit("khai", "kh"));
    }

    #[test]
    fn acronyms_come_from_multi_word_phrases() {
        let words = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(acronym(&words("giay phep lai xe")).as_deref(), Some("gplx"));
        assert_eq!(acronym(&words("khai")), None);
    }
}
