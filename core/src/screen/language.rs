//! The language a screen is shown in: Vietnamese first, English second.

/// Ngôn ngữ: the language of every text on a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Language {
    /// Tiếng Việt (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Language {
    /// Both languages, in the order a settings screen lists them.
    pub const ALL: [Language; 2] = [Language::Vi, Language::En];

    /// `vi` or `en` in this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Vi => vi,
            Language::En => en,
        }
    }

    /// [`Language::pick`] of two owned texts.
    pub fn take(self, vi: String, en: String) -> String {
        match self {
            Language::Vi => vi,
            Language::En => en,
        }
    }

    /// The BCP 47 tag (`vi`, `en`).
    pub fn tag(self) -> &'static str {
        self.pick("vi", "en")
    }

    /// The language of a tag such as `en-GB` or `vi-VN`: English for any
    /// `en…`, Vietnamese for everything else.
    pub fn from_tag(tag: &str) -> Self {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Language::En
        } else {
            Language::Vi
        }
    }

    /// True for English.
    pub fn english(self) -> bool {
        self == Language::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_as_english_or_vietnamese() {
        assert_eq!(Language::from_tag("en-GB"), Language::En);
        assert_eq!(Language::from_tag("vi-VN"), Language::Vi);
        assert_eq!(Language::from_tag(""), Language::Vi);
        assert_eq!(Language::En.pick("a", "b"), "b");
        assert_eq!(Language::Vi.tag(), "vi");
    }
}
