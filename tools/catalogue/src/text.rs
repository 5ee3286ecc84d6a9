//! Cleaning the portal's text: stray line breaks, double spaces and
//! invisible characters go; names lose the leading "Thủ tục".

/// Characters the portal's texts sometimes carry that the core refuses
/// (zero-width, bidi controls, soft hyphen, BOM).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

/// Whitespace runs become one space; invisible characters are removed.
pub fn clean(s: &str) -> String {
    let kept: String = s.chars().filter(|c| !invisible(*c)).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An official procedure name as a name: without the leading "Thủ tục",
/// first letter capitalised.
pub fn procedure_name(raw: &str) -> String {
    let s = clean(raw);
    let lower = s.to_lowercase();
    let rest = if lower.starts_with("thủ tục ") {
        s["thủ tục ".len()..].trim_start_matches([':', ' '])
    } else {
        s.as_str()
    };
    capitalise(rest)
}

/// The first letter in upper case.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name short enough for a list row: cut at a word boundary.
pub fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let mut out = String::new();
    for word in s.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max_chars.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_end_matches([',', ';', ':', '-']).to_owned() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_removes_breaks_doubles_and_invisible_characters() {
        assert_eq!(clean(" Đăng  k\u{200e}ý\nkhai sinh "), "Đăng ký khai sinh");
    }

    #[test]
    fn names_lose_the_leading_thu_tuc() {
        assert_eq!(
            procedure_name("Thủ tục đăng ký khai sinh"),
            "Đăng ký khai sinh"
        );
        assert_eq!(
            procedure_name("Đổi giấy phép lái xe"),
            "Đổi giấy phép lái xe"
        );
    }

    #[test]
    fn shortening_cuts_at_a_word() {
        assert_eq!(shorten("một hai ba bốn", 9), "một hai…");
        assert_eq!(shorten("ngắn", 9), "ngắn");
    }
}
