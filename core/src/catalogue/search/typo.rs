//! Spelling slips: one letter wrong, missing, extra, or two swapped.

/// Optimal-string-alignment distance of at most one (one letter wrong,
/// missing, extra, or two neighbours swapped). Folded words are ASCII
/// almost always: compared as bytes then, without allocating.
pub(super) fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        one_edit(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        one_edit(&a, &b)
    }
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
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

    #[test]
    fn one_edit_means_one_wrong_missing_extra_or_swapped_letter() {
        assert!(within_one_edit("khai", "khia"));
        assert!(within_one_edit("khai", "kai"));
        assert!(within_one_edit("khai", "khaai"));
        assert!(within_one_edit("khai", "khan"));
        assert!(!within_one_edit("khai", "ihka"));
        assert!(!within_one_edit("khai", "kh"));
    }
}
