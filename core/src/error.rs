//! The one public error type of the core: a few variants a screen can act
//! on, each carrying a message in Vietnamese and English. Rich internal
//! errors (SQLite, HTTP, JSON) are mapped here, in one place.

use std::fmt;

/// What went wrong, in terms a user interface can act on.
///
/// Every variant carries `vi` and `en`, the text a person reads. The fields
/// are not called `message`, which clashes with Kotlin's `Throwable.message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum CoreError {
    /// Không có mạng: the server cannot be reached; try again later.
    #[error("{en}")]
    Offline {
        /// Vietnamese text.
        vi: String,
        /// English text.
        en: String,
    },
    /// Not signed in, the session expired, or the account may not do this.
    #[error("{en}")]
    Unauthorised {
        /// Vietnamese text.
        vi: String,
        /// English text.
        en: String,
    },
    /// The thing asked for does not exist (or is not yours to see).
    #[error("{en}")]
    NotFound {
        /// Vietnamese text.
        vi: String,
        /// English text.
        en: String,
    },
    /// The request clashes with the current state; `reason` says how (e.g.
    /// `slot_full`, `already_booked`, `too_many_bookings`) and `code` is the
    /// same as a [`crate::Reason`] (`Other` for a code this build does not
    /// know, whose `reason` and texts are still shown).
    #[error("{en}")]
    Conflict {
        /// The stable code as text, as the server sent it.
        reason: String,
        /// The code as an enum a screen can match on.
        code: crate::Reason,
        /// Vietnamese text.
        vi: String,
        /// English text.
        en: String,
    },
    /// The server failed; nothing was changed on this device.
    #[error("{en}")]
    Server {
        /// Vietnamese text.
        vi: String,
        /// English text.
        en: String,
        /// What support needs (the underlying error); never shown as the
        /// person's text, empty when there is nothing more.
        support: String,
    },
    /// Input that cannot be accepted; `field` names what to fix.
    #[error("{en}")]
    InvalidData {
        /// The input field at fault (e.g. `phone`).
        field: String,
        /// Vietnamese text.
        vi: String,
        /// English text.
        en: String,
    },
    /// Local storage failed; data already stored is kept.
    #[error("{en}")]
    Storage {
        /// Vietnamese text.
        vi: String,
        /// English text.
        en: String,
        /// What support needs (the underlying error); never shown as the
        /// person's text, empty when there is nothing more.
        support: String,
    },
    /// A fault in the software itself, or in a platform service.
    #[error("{en}")]
    Internal {
        /// Vietnamese text.
        vi: String,
        /// English text.
        en: String,
        /// What support needs (the underlying error); never shown as the
        /// person's text, empty when there is nothing more.
        support: String,
    },
}

/// Shorthand for results of core operations.
pub type CoreResult<T> = Result<T, CoreError>;

/// The kind of a [`CoreError`], without its text: for matching and exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// See [`CoreError::Offline`].
    Offline,
    /// See [`CoreError::Unauthorised`].
    Unauthorised,
    /// See [`CoreError::NotFound`].
    NotFound,
    /// See [`CoreError::Conflict`].
    Conflict,
    /// See [`CoreError::Server`].
    Server,
    /// See [`CoreError::InvalidData`].
    InvalidData,
    /// See [`CoreError::Storage`].
    Storage,
    /// See [`CoreError::Internal`].
    Internal,
}

impl ErrorKind {
    /// A stable snake_case name, used in JSON output and the HTTP API.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Offline => "offline",
            ErrorKind::Unauthorised => "unauthorised",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Server => "server_error",
            ErrorKind::InvalidData => "invalid_data",
            ErrorKind::Storage => "storage",
            ErrorKind::Internal => "internal",
        }
    }

    /// Parses [`ErrorKind::as_str`] back.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "offline" => ErrorKind::Offline,
            "unauthorised" => ErrorKind::Unauthorised,
            "not_found" => ErrorKind::NotFound,
            "conflict" => ErrorKind::Conflict,
            "server_error" => ErrorKind::Server,
            "invalid_data" => ErrorKind::InvalidData,
            "storage" => ErrorKind::Storage,
            "internal" => ErrorKind::Internal,
            _ => return None,
        })
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl CoreError {
    /// Builds an error of `kind` with the given texts. `detail` is the field
    /// of [`ErrorKind::InvalidData`] or the reason of [`ErrorKind::Conflict`],
    /// and unused otherwise.
    pub fn new(
        kind: ErrorKind,
        detail: &str,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        let (vi, en) = (vi.into(), en.into());
        match kind {
            ErrorKind::Offline => CoreError::Offline { vi, en },
            ErrorKind::Unauthorised => CoreError::Unauthorised { vi, en },
            ErrorKind::NotFound => CoreError::NotFound { vi, en },
            ErrorKind::Conflict => CoreError::Conflict {
                reason: detail.to_owned(),
                code: crate::Reason::parse(detail),
                vi,
                en,
            },
            ErrorKind::Server => CoreError::Server {
                vi,
                en,
                support: String::new(),
            },
            ErrorKind::InvalidData => CoreError::InvalidData {
                field: detail.to_owned(),
                vi,
                en,
            },
            ErrorKind::Storage => CoreError::Storage {
                vi,
                en,
                support: String::new(),
            },
            ErrorKind::Internal => CoreError::Internal {
                vi,
                en,
                support: String::new(),
            },
        }
    }

    /// The server cannot be reached.
    pub fn offline() -> Self {
        Self::new(
            ErrorKind::Offline,
            "",
            "Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.",
            "Cannot reach the server. Check your connection and try again.",
        )
    }

    /// Not signed in or the session has expired.
    pub fn signed_out() -> Self {
        Self::new(
            ErrorKind::Unauthorised,
            "",
            "Bạn chưa đăng nhập hoặc phiên đã hết hạn. Vui lòng đăng nhập lại.",
            "You are not signed in or your session has expired. Please sign in again.",
        )
    }

    /// Invalid input in `field`.
    pub fn invalid(field: &str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidData, field, vi, en)
    }

    /// Something was not found.
    pub fn not_found(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, "", vi, en)
    }

    /// A fault in the software itself; `detail` goes to the support field
    /// and the log, not into the person's text.
    pub fn internal(detail: impl fmt::Display) -> Self {
        Self::new(
            ErrorKind::Internal,
            "",
            "Ứng dụng gặp lỗi. Vui lòng thử lại; nếu vẫn lỗi, báo bộ phận hỗ trợ.",
            "Something went wrong in the app. Please try again; if it keeps happening, tell support.",
        )
        .with_support(detail)
    }

    /// A file or folder at `path` could not be read, written or created
    /// (the path and the system's reason go to the support field).
    pub fn file(path: &std::path::Path, err: &std::io::Error) -> Self {
        Self::new(
            ErrorKind::Storage,
            "",
            "Không đọc hoặc ghi được một tệp trên máy (bộ nhớ đầy hoặc không có quyền?).",
            "A file on this device cannot be read or written (storage full, or no permission?).",
        )
        .with_support(format!("{}: {err}", path.display()))
    }

    /// Adds what support needs to a server, storage or internal error (other
    /// kinds have no such field: their texts say it all).
    pub fn with_support(mut self, detail: impl fmt::Display) -> Self {
        if let CoreError::Server { support, .. }
        | CoreError::Storage { support, .. }
        | CoreError::Internal { support, .. } = &mut self
        {
            *support = detail.to_string();
        }
        self
    }

    /// What support needs, when there is more than the person's text.
    pub fn support(&self) -> Option<&str> {
        match self {
            CoreError::Server { support, .. }
            | CoreError::Storage { support, .. }
            | CoreError::Internal { support, .. } => {
                Some(support.as_str()).filter(|s| !s.is_empty())
            }
            _ => None,
        }
    }

    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CoreError::Offline { .. } => ErrorKind::Offline,
            CoreError::Unauthorised { .. } => ErrorKind::Unauthorised,
            CoreError::NotFound { .. } => ErrorKind::NotFound,
            CoreError::Conflict { .. } => ErrorKind::Conflict,
            CoreError::Server { .. } => ErrorKind::Server,
            CoreError::InvalidData { .. } => ErrorKind::InvalidData,
            CoreError::Storage { .. } => ErrorKind::Storage,
            CoreError::Internal { .. } => ErrorKind::Internal,
        }
    }

    /// The Vietnamese text.
    pub fn vi(&self) -> &str {
        self.texts().0
    }

    /// The English text.
    pub fn en(&self) -> &str {
        self.texts().1
    }

    /// The field at fault, for [`CoreError::InvalidData`].
    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::InvalidData { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The reason of a [`CoreError::Conflict`].
    pub fn reason(&self) -> Option<&str> {
        match self {
            CoreError::Conflict { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The reason of a [`CoreError::Conflict`] as an enum.
    pub fn code(&self) -> Option<crate::Reason> {
        match self {
            CoreError::Conflict { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// A conflict with the current state, for `reason`.
    pub fn conflict(reason: crate::Reason, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, reason.code(), vi, en)
    }

    fn texts(&self) -> (&str, &str) {
        match self {
            CoreError::Offline { vi, en }
            | CoreError::Unauthorised { vi, en }
            | CoreError::NotFound { vi, en }
            | CoreError::Conflict { vi, en, .. }
            | CoreError::Server { vi, en, .. }
            | CoreError::InvalidData { vi, en, .. }
            | CoreError::Storage { vi, en, .. }
            | CoreError::Internal { vi, en, .. } => (vi, en),
        }
    }
}

impl From<rusqlite::Error> for CoreError {
    fn from(err: rusqlite::Error) -> Self {
        tracing::error!(error = %err, "storage error");
        Self::new(
            ErrorKind::Storage,
            "",
            "Lỗi lưu trữ trên máy. Dữ liệu đã lưu không bị mất.",
            "Local storage error. Data already saved is kept.",
        )
        .with_support(err)
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(err: serde_json::Error) -> Self {
        // Where the parser stopped, for the log (not the data itself).
        tracing::warn!(
            line = err.line(),
            column = err.column(),
            "data cannot be read"
        );
        Self::new(
            ErrorKind::InvalidData,
            "json",
            "Dữ liệu không đọc được.",
            "The data cannot be read.",
        )
    }
}

#[cfg(feature = "uniffi")]
impl From<uniffi::UnexpectedUniFFICallbackError> for CoreError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::internal(format!("platform service failed: {}", err.reason))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for kind in [
            ErrorKind::Offline,
            ErrorKind::Unauthorised,
            ErrorKind::NotFound,
            ErrorKind::Conflict,
            ErrorKind::Server,
            ErrorKind::InvalidData,
            ErrorKind::Storage,
            ErrorKind::Internal,
        ] {
            assert_eq!(ErrorKind::parse(kind.as_str()), Some(kind));
            assert_eq!(CoreError::new(kind, "f", "v", "e").kind(), kind);
        }
        assert_eq!(
            CoreError::conflict(crate::Reason::SlotFull, "v", "e").reason(),
            Some("slot_full")
        );
        assert_eq!(ErrorKind::parse("nope"), None);
    }

    #[test]
    fn invalid_data_names_its_field_and_speaks_both_languages() {
        let err = CoreError::invalid("phone", "Số sai", "Wrong number");
        assert_eq!(err.field(), Some("phone"));
        assert_eq!(err.vi(), "Số sai");
        assert_eq!(err.en(), "Wrong number");
        assert_eq!(err.to_string(), "Wrong number");
    }
}
