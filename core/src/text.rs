//! Characters no text from outside may bring onto a screen or a terminal:
//! C0/C1 controls (tab and line breaks included), the Unicode line and
//! paragraph separators, the bidirectional embeddings, overrides, isolates
//! and marks that reorder what is shown, and the invisible zero-width
//! characters and byte-order mark that hide or split what is shown.
//! The server refuses them in what it stores; shells escape them when
//! they print data (defence in depth).

use std::borrow::Cow;

/// True for a character that must not reach a screen raw (hostile text).
pub fn is_hostile_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `text` with every unsafe character written as `\u{XXXX}`.
pub fn escape_hostile(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_hostile_char(c) {
                    format!("\\u{{{:04X}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped_the_rest_kept() {
        assert_eq!(escape_hostile("Nguyễn Thị Hồng"), "Nguyễn Thị Hồng");
        assert_eq!(
            escape_hostile("\u{1b}[2Jx\r\n"),
            "\\u{001B}[2Jx\\u{000D}\\u{000A}"
        );
        assert_eq!(escape_hostile("abc\u{202E}gpj"), "abc\\u{202E}gpj");
        assert_eq!(escape_hostile("a\u{0}"), "a\\u{0000}");
        for hidden in [
            '\u{2028}', '\u{2029}', '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}',
        ] {
            assert!(is_hostile_char(hidden), "{:04X}", hidden as u32);
        }
    }
}
