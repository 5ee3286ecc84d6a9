//! Folding Vietnamese text for search, so what people type matches what
//! the catalogue says: any case; with or without diacritics; đ as d;
//! precomposed (NFC) or decomposed (NFD) input; old and new tone placement
//! (hoà/hòa, thuỷ/thủy); i/y spellings (lý/lí, kỹ/kĩ).
//!
//! Each word gives two keys: `plain` (ASCII, no marks: the match key) and
//! `toned` (vowel marks kept, tone moved to the end of the syllable: a
//! tie-breaker that prefers the spelling typed). Hand-written tables for the
//! Vietnamese alphabet keep the mobile library free of Unicode tables.

/// Vowels with each tone, in the order: none, huyền, sắc, hỏi, ngã, nặng.
const TONED_VOWELS: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// One folded word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedWord {
    /// ASCII letters and digits only: `hoa`, `thui`, `li`, `dang`.
    pub plain: String,
    /// Vowel marks kept, tone as a trailing digit 1-5: `hoa1` for hòa/hoà.
    pub toned: String,
}

/// Splits `text` into folded words (letters and digits; everything else separates).
pub fn fold_words(text: &str) -> Vec<FoldedWord> {
    let mut words = Vec::new();
    fold_each(text, |plain, toned| {
        words.push(FoldedWord {
            plain: plain.to_owned(),
            toned: toned.to_owned(),
        })
    });
    words
}

/// Calls `word(plain, toned)` for each folded word of `text`, reusing two
/// buffers (no allocation per word: the index folds every name this way).
pub fn fold_each(text: &str, mut word: impl FnMut(&str, &str)) {
    let mut plain = String::new();
    let mut toned = String::new();
    let mut tone = 0u8;
    let mut flush = |plain: &mut String, toned: &mut String, tone: &mut u8| {
        if !plain.is_empty() {
            i_for_y(plain);
            i_for_y(toned);
            if *tone > 0 {
                toned.push(char::from(b'0' + *tone));
            }
            word(plain, toned);
        }
        plain.clear();
        toned.clear();
        *tone = 0;
    };
    for c in text.chars() {
        match classify(c) {
            Class::Letter {
                base,
                marked,
                tone: t,
            } => {
                plain.push(base);
                toned.push(marked);
                if t > 0 {
                    tone = t;
                }
            }
            Class::Tone(t) => tone = t,
            Class::Quality(mark) => {
                if let Some(last) = toned.pop() {
                    toned.push(apply_quality(last, mark));
                }
            }
            Class::Other(o) => {
                plain.push(o);
                toned.push(o);
            }
            Class::Separator => flush(&mut plain, &mut toned, &mut tone),
        }
    }
    flush(&mut plain, &mut toned, &mut tone);
}

/// The plain keys of `text` joined by single spaces (for phrase matching).
pub fn fold_plain(text: &str) -> String {
    fold_words(text)
        .into_iter()
        .map(|w| w.plain)
        .collect::<Vec<_>>()
        .join(" ")
}

enum Class {
    /// A letter: its ASCII base, its form with vowel marks, its tone.
    Letter { base: char, marked: char, tone: u8 },
    /// A combining tone mark (NFD).
    Tone(u8),
    /// A combining vowel mark (NFD): breve, circumflex or horn.
    Quality(char),
    /// A character kept as it is (other scripts, other Latin letters).
    Other(char),
    /// Anything that separates words.
    Separator,
}

fn classify(c: char) -> Class {
    // Most letters of Vietnamese text are plain ASCII consonants.
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            let lower = c.to_ascii_lowercase();
            Class::Letter {
                base: lower,
                marked: lower,
                tone: 0,
            }
        } else {
            Class::Separator
        };
    }
    match c {
        '\u{0300}' => return Class::Tone(1),
        '\u{0301}' => return Class::Tone(2),
        '\u{0309}' => return Class::Tone(3),
        '\u{0303}' => return Class::Tone(4),
        '\u{0323}' => return Class::Tone(5),
        '\u{0306}' | '\u{0302}' | '\u{031B}' => return Class::Quality(c),
        _ => {}
    }
    // Vietnamese text is mostly lower case: look the letter up as it is
    // before lowering it.
    if let Ok(i) = vowel_table().binary_search_by_key(&c, |v| v.0) {
        let (_, marked, tone) = vowel_table()[i];
        return Class::Letter {
            base: base_of(marked),
            marked,
            tone,
        };
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    if lower.is_ascii_alphanumeric() {
        return Class::Letter {
            base: lower,
            marked: lower,
            tone: 0,
        };
    }
    if lower == 'đ' {
        return Class::Letter {
            base: 'd',
            marked: 'đ',
            tone: 0,
        };
    }
    if let Ok(i) = vowel_table().binary_search_by_key(&lower, |v| v.0) {
        let (_, marked, tone) = vowel_table()[i];
        return Class::Letter {
            base: base_of(marked),
            marked,
            tone,
        };
    }
    if lower.is_alphanumeric() {
        Class::Other(lower)
    } else {
        Class::Separator
    }
}

/// Every toned vowel → (vowel with its marks but no tone, tone), sorted
/// by character for binary search.
fn vowel_table() -> &'static [(char, char, u8)] {
    static TABLE: std::sync::OnceLock<Vec<(char, char, u8)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<(char, char, u8)> = TONED_VOWELS
            .iter()
            .flat_map(|row| {
                let marked = row.chars().next().unwrap_or('a');
                row.chars()
                    .enumerate()
                    .map(move |(tone, c)| (c, marked, tone as u8))
            })
            .collect();
        table.sort_unstable_by_key(|v| v.0);
        table
    })
}

/// The ASCII letter under a marked vowel.
fn base_of(marked: char) -> char {
    match marked {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        other => other,
    }
}

/// A decomposed vowel mark applied to the letter before it.
fn apply_quality(letter: char, mark: char) -> char {
    match (letter, mark) {
        ('a', '\u{0306}') => 'ă',
        ('a', '\u{0302}') => 'â',
        ('e', '\u{0302}') => 'ê',
        ('o', '\u{0302}') => 'ô',
        ('o', '\u{031B}') => 'ơ',
        ('u', '\u{031B}') => 'ư',
        (other, _) => other,
    }
}

/// `y` as the only vowel after consonants is spelt `i` too (lý/lí, kỹ/kĩ,
/// quý/quí): fold it to `i`.
fn i_for_y(word: &mut String) {
    if word.ends_with('y') && word.len() > 1 {
        let head = &word[..word.len() - 1];
        let consonants_only = head.chars().all(|c| "bcdđghklmnpqrstvx".contains(c))
            || (head.ends_with("qu") && head.chars().all(|c| "bcdđghklmnpqrstvxu".contains(c)));
        if consonants_only {
            word.pop();
            word.push('i');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<String> {
        fold_words(s).into_iter().map(|w| w.plain).collect()
    }

    fn toned(s: &str) -> Vec<String> {
        fold_words(s).into_iter().map(|w| w.toned).collect()
    }

    #[test]
    fn diacritics_case_and_d_fold_away() {
        assert_eq!(plain("ĐĂNG KÝ Khai Sinh"), ["dang", "ki", "khai", "sinh"]);
        assert_eq!(plain("Giấy phép lái xe"), ["giay", "phep", "lai", "xe"]);
        assert_eq!(plain("đổi GPLX, 2025!"), ["doi", "gplx", "2025"]);
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfc = "Đăng ký kết hôn thuỷ lợi";
        let nfd = "Đa\u{0306}ng ky\u{0301} ke\u{0302}\u{0301}t ho\u{0302}n thuy\u{0309} lo\u{031B}\u{0323}i";
        assert_eq!(fold_words(nfc), fold_words(nfd));
    }

    #[test]
    fn old_and_new_tone_placement_are_one_word() {
        assert_eq!(toned("hoà"), toned("hòa"));
        assert_eq!(toned("thuỷ"), toned("thủy"));
        assert_eq!(toned("khoẻ"), toned("khỏe"));
        assert_ne!(toned("hòa"), toned("hóa"), "different tones stay different");
    }

    #[test]
    fn i_and_y_spellings_are_one_word() {
        assert_eq!(fold_words("lý lịch"), fold_words("lí lịch"));
        assert_eq!(fold_words("kỹ thuật"), fold_words("kĩ thuật"));
        assert_eq!(plain("quý"), plain("quí"));
        assert_eq!(plain("thuỷ"), ["thuy"], "y after a vowel stays");
        assert_eq!(plain("yêu"), ["yeu"]);
    }

    #[test]
    fn phrases_join_plain_words() {
        assert_eq!(fold_plain("  Lý lịch – tư pháp "), "li lich tu phap");
    }
}
