//! Đăng nhập: citizens sign in with their phone number and a one-time
//! code; staff with a username and password (their role comes from the
//! server).

use serde::Serialize;

use super::{Language, format};
use crate::api::model::OtpSent;

/// The sign-in screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SignInScreen {
    /// Title.
    pub title: String,
    /// One line on what signing in gives.
    pub intro: String,
    /// Label of the phone field.
    pub phone_label: String,
    /// Placeholder of the phone field.
    pub phone_hint: String,
    /// The button that sends the code.
    pub send_code_label: String,
    /// Label of the code field.
    pub code_label: String,
    /// The button that signs in with the code.
    pub sign_in_label: String,
    /// Once a code is sent: where to, and for how long it works.
    pub code_sent: Option<String>,
    /// The link to the staff sign-in.
    pub staff_label: String,
    /// Label of the username field (staff).
    pub username_label: String,
    /// Label of the password field (staff).
    pub password_label: String,
}

/// The sign-in screen, after a code was sent when `sent` is given.
pub fn sign_in(lang: Language, sent: Option<&OtpSent>) -> SignInScreen {
    let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
    SignInScreen {
        title: t("Đăng nhập", "Sign in"),
        intro: t(
            "Đăng nhập để đặt lịch, nộp và theo dõi hồ sơ.",
            "Sign in to book, file and follow your dossiers.",
        ),
        phone_label: t("Số điện thoại", "Phone number"),
        phone_hint: "0912 345 678".to_owned(),
        send_code_label: t("Gửi mã", "Send code"),
        code_label: t("Mã xác thực (6 số)", "Code (6 digits)"),
        sign_in_label: t("Đăng nhập", "Sign in"),
        code_sent: sent.map(|s| {
            let minutes = format::count(
                i64::from((s.expires_in_secs + 59) / 60),
                "phút",
                "minute",
                "minutes",
                lang,
            );
            match lang {
                Language::Vi => format!("Đã gửi mã tới {}. Mã dùng được trong {minutes}.", s.phone),
                Language::En => format!("A code was sent to {}. It works for {minutes}.", s.phone),
            }
        }),
        staff_label: t("Nhân viên bưu điện", "Post office staff"),
        username_label: t("Tên đăng nhập", "Username"),
        password_label: t("Mật khẩu", "Password"),
    }
}
