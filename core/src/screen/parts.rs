//! The pieces screens are made of: a labelled fact, a choice, a notice
//! with its tone, and the texts every screen shares. A notice's tone picks
//! an icon and a colour, and its text says everything on its own: no
//! information is carried by colour alone.

use serde::Serialize;

use super::Language;

/// One labelled line: `Phí: 50.000 ₫`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Fact {
    /// What it is.
    pub label: String,
    /// Its value, written out.
    pub value: String,
}

impl Fact {
    /// The fact `label`: `value`.
    pub fn new(label: &str, value: impl Into<String>) -> Self {
        Self {
            label: label.to_owned(),
            value: value.into(),
        }
    }
}

/// One option of a choice (radio buttons, chips, a picker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Choice {
    /// What the screen passes back when it is picked.
    pub id: String,
    /// What the person reads.
    pub label: String,
    /// True for the option in force.
    pub selected: bool,
}

impl Choice {
    /// The option `id` labelled `label`, selected when `selected`.
    pub fn new(id: impl Into<String>, label: impl Into<String>, selected: bool) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            selected,
        }
    }
}

/// What a notice means: the icon beside it (and its colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Good to know.
    Info,
    /// Done, or valid.
    Success,
    /// Needs attention before going on.
    Warning,
    /// Failed, or refused.
    Error,
}

/// A banner or a line of warning: tone plus a text that stands alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Notice {
    /// Its tone (icon and colour).
    pub tone: Tone,
    /// The text, complete without the icon or colour.
    pub text: String,
}

impl Notice {
    /// A notice of `tone` saying `text`.
    pub fn new(tone: Tone, text: impl Into<String>) -> Self {
        Self {
            tone,
            text: text.into(),
        }
    }
}

/// The texts every screen shares: buttons, states and the offline banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CommonTexts {
    /// The app's name.
    pub app_name: String,
    /// Shown while waiting.
    pub loading: String,
    /// Try again.
    pub retry: String,
    /// Back.
    pub back: String,
    /// Cancel.
    pub cancel: String,
    /// Close.
    pub close: String,
    /// Banner while the phone cannot reach the server.
    pub offline: String,
    /// Title over an error.
    pub error_title: String,
    /// "Yes" of a yes/no question.
    pub yes: String,
    /// "No" of a yes/no question.
    pub no: String,
    /// Button: scan a QR code or barcode with the camera.
    pub scan: String,
    /// Label of the field where a dossier code or item number is typed.
    pub track_prompt: String,
}

impl CommonTexts {
    /// The shared texts in `lang`.
    pub fn new(lang: Language) -> Self {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        Self {
            app_name: t(
                "Dịch vụ công tại Bưu điện",
                "Public services at the post office",
            ),
            loading: t("Đang tải…", "Loading…"),
            retry: t("Thử lại", "Try again"),
            back: t("Quay lại", "Back"),
            cancel: t("Huỷ", "Cancel"),
            close: t("Đóng", "Close"),
            offline: t(
                "Không có mạng: đang xem dữ liệu đã lưu. Việc bạn làm được giữ lại và gửi khi có mạng.",
                "Offline: showing saved data. What you do is kept and sent when the network is back.",
            ),
            error_title: t("Có lỗi", "Something went wrong"),
            yes: t("Có", "Yes"),
            no: t("Không", "No"),
            scan: t("Quét mã", "Scan a code"),
            track_prompt: t(
                "Mã hồ sơ hoặc số bưu gửi",
                "Dossier code or postal item number",
            ),
        }
    }
}
