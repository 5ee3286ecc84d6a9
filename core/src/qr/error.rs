//! Why a QR code is not accepted.

use serde::Serialize;

/// Why a code failed to verify; `as_str` gives the stable snake_case name
/// (`dvc qr verify --json` prints it as `error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum QrError {
    /// Not a dossier code, or damaged.
    #[error("malformed")]
    Malformed,
    /// A dossier code of a version this app does not read.
    #[error("unsupported_version")]
    UnsupportedVersion,
    /// Signed with a key that is not trusted (or not for that date).
    #[error("unknown_key")]
    UnknownKey,
    /// The signature does not match: altered, forged, or an unsigned draft.
    #[error("bad_signature")]
    BadSignature,
    /// Past its expiry.
    #[error("expired")]
    Expired,
    /// Withdrawn by the issuer.
    #[error("revoked")]
    Revoked,
}

impl QrError {
    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::UnsupportedVersion => "unsupported_version",
            Self::UnknownKey => "unknown_key",
            Self::BadSignature => "bad_signature",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }

    /// What the person scanning is told, in Vietnamese.
    pub fn message_vi(self) -> &'static str {
        match self {
            Self::Malformed => "Không phải mã hồ sơ hoặc mã bị hỏng.",
            Self::UnsupportedVersion => "Mã hồ sơ phiên bản mới hơn; hãy cập nhật ứng dụng.",
            Self::UnknownKey => "Mã được ký bằng khóa không tin cậy.",
            Self::BadSignature => "Chữ ký không khớp: mã đã bị sửa hoặc giả mạo.",
            Self::Expired => "Mã đã hết hạn.",
            Self::Revoked => "Mã đã bị thu hồi.",
        }
    }

    /// What the person scanning is told, in English.
    pub fn message_en(self) -> &'static str {
        match self {
            Self::Malformed => "Not a dossier code, or damaged.",
            Self::UnsupportedVersion => "A newer dossier code version; update the app.",
            Self::UnknownKey => "Signed with a key that is not trusted.",
            Self::BadSignature => "Signature mismatch: the code was altered or forged.",
            Self::Expired => "The code has expired.",
            Self::Revoked => "The code has been revoked.",
        }
    }
}
