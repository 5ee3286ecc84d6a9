//! Cài đặt: language (Vietnamese first, English), text size (follows the
//! system's setting and goes larger), who is signed in, and sign-out with
//! what it would remove or hold up. The choices are kept in the phone's
//! database and survive sign-out (they belong to the phone, not the account).

use serde::Serialize;

use super::{Choice, Language, Notice, ScreenService, Tone};
use crate::error::CoreResult;

/// How large the app's text is, on top of the system's own text size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    /// As the system's setting says.
    #[default]
    System,
    /// A third larger than the system's.
    Large,
    /// Two thirds larger than the system's.
    Largest,
}

impl TextSize {
    /// All sizes, smallest first.
    pub const ALL: [TextSize; 3] = [TextSize::System, TextSize::Large, TextSize::Largest];

    /// The factor the app multiplies the system's text scale by.
    pub fn scale(self) -> f32 {
        match self {
            TextSize::System => 1.0,
            TextSize::Large => 1.3,
            TextSize::Largest => 1.6,
        }
    }

    /// The size with choice id `id`.
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == id)
    }

    fn key(self) -> &'static str {
        match self {
            TextSize::System => "system",
            TextSize::Large => "large",
            TextSize::Largest => "largest",
        }
    }

    fn label(self, lang: Language) -> &'static str {
        match self {
            TextSize::System => lang.pick("Theo máy", "As the phone"),
            TextSize::Large => lang.pick("Lớn", "Large"),
            TextSize::Largest => lang.pick("Rất lớn", "Largest"),
        }
    }
}

/// The settings screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SettingsScreen {
    /// Title.
    pub title: String,
    /// Heading of the language choice.
    pub language_title: String,
    /// The languages (ids `vi`, `en`), each in its own language.
    pub languages: Vec<Choice>,
    /// Heading of the text size choice.
    pub text_size_title: String,
    /// The sizes (ids `system`, `large`, `largest`).
    pub text_sizes: Vec<Choice>,
    /// The factor to multiply the system's text scale by.
    pub text_scale: f32,
    /// Who is signed in, if anyone.
    pub account: Option<String>,
    /// What signing out now would remove or hold up.
    pub sign_out_warning: Option<Notice>,
    /// Button: sign out.
    pub sign_out_label: String,
    /// The core's version.
    pub version: String,
}

const LANGUAGE_KEY: &str = "ui.language";
const TEXT_SIZE_KEY: &str = "ui.text_size";

impl ScreenService {
    /// The language chosen in settings; before any choice, the phone's
    /// (`system_tag`, e.g. `vi-VN`).
    pub fn language(&self, system_tag: &str) -> CoreResult<Language> {
        Ok(match self.setting(LANGUAGE_KEY)?.as_deref() {
            Some("en") => Language::En,
            Some("vi") => Language::Vi,
            _ => Language::from_tag(system_tag),
        })
    }

    /// Chooses the app's language.
    pub fn set_language(&self, lang: Language) -> CoreResult<()> {
        self.set_setting(LANGUAGE_KEY, lang.tag())
    }

    /// The text size chosen in settings.
    pub fn text_size(&self) -> CoreResult<TextSize> {
        Ok(self
            .setting(TEXT_SIZE_KEY)?
            .and_then(|id| TextSize::parse(&id))
            .unwrap_or_default())
    }

    /// Chooses the text size.
    pub fn set_text_size(&self, size: TextSize) -> CoreResult<()> {
        self.set_setting(TEXT_SIZE_KEY, size.key())
    }

    /// The settings screen in `lang`.
    pub fn settings(&self, lang: Language) -> CoreResult<SettingsScreen> {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let size = self.text_size()?;
        let account = self.account().session()?.map(|s| {
            let who = s
                .principal
                .phone
                .or(s.principal.username)
                .unwrap_or(s.principal.account_id);
            format!("{}: {who}", lang.pick("Đang đăng nhập", "Signed in as"))
        });
        let check = self.account().sign_out_check()?;
        let sign_out_warning = match (check.drafts, check.unsent_actions) {
            (0, 0) => None,
            (d, 0) => Some(Notice::new(
                Tone::Warning,
                match lang {
                    Language::Vi => {
                        format!("Đăng xuất sẽ xoá {d} hồ sơ đang chuẩn bị trên máy này.")
                    }
                    Language::En => {
                        format!("Signing out deletes {d} dossier(s) in preparation on this phone.")
                    }
                },
            )),
            (_, u) => Some(Notice::new(
                Tone::Warning,
                match lang {
                    Language::Vi => {
                        format!("Còn {u} thao tác chưa gửi: đồng bộ trước khi đăng xuất.")
                    }
                    Language::En => format!("{u} action(s) not sent yet: sync before signing out."),
                },
            )),
        };
        Ok(SettingsScreen {
            title: t("Cài đặt", "Settings"),
            language_title: t("Ngôn ngữ", "Language"),
            languages: Language::ALL
                .into_iter()
                .map(|l| Choice::new(l.tag(), l.pick("Tiếng Việt", "English"), l == lang))
                .collect(),
            text_size_title: t("Cỡ chữ", "Text size"),
            text_sizes: TextSize::ALL
                .into_iter()
                .map(|s| Choice::new(s.key(), s.label(lang), s == size))
                .collect(),
            text_scale: size.scale(),
            account,
            sign_out_warning,
            sign_out_label: t("Đăng xuất", "Sign out"),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        })
    }

    fn setting(&self, key: &str) -> CoreResult<Option<String>> {
        use rusqlite::OptionalExtension;
        self.ctx.db.read(|c| {
            Ok(
                c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })
    }

    fn set_setting(&self, key: &str, value: &str) -> CoreResult<()> {
        self.ctx.db.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = ?2",
                [key, value],
            )?;
            Ok(())
        })
    }
}
