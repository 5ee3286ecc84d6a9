//! What a file is, told by its first bytes (never by its name): the three
//! types an agency takes as a page of a dossier or a proof of delivery.

use serde::{Deserialize, Serialize};

/// The type of a stored file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FileType {
    /// A photo (the apps turn HEIC photos into JPEG first).
    Jpeg,
    /// A screenshot, a scan or a signature drawn on the screen.
    Png,
    /// A scanned or exported document.
    Pdf,
}

impl FileType {
    /// The type whose signature `head` (the file's first bytes) starts
    /// with, if any.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if head.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else {
            None
        }
    }

    /// The API name (`jpeg`, `png`, `pdf`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::Pdf => "pdf",
        }
    }

    /// The type with API name `name`.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Jpeg, Self::Png, Self::Pdf]
            .into_iter()
            .find(|t| t.as_str() == name)
    }

    /// The media type, for HTTP answers.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Pdf => "application/pdf",
        }
    }
}

/// The longest signature [`FileType::sniff`] reads.
pub const SNIFF_BYTES: usize = 8;

/// The refusal of a file that is none of the three types.
pub fn not_a_page(name: &str) -> crate::CoreError {
    crate::CoreError::conflict(
        crate::Reason::WrongFileType,
        format!(
            "Tệp {name} không phải ảnh JPEG, PNG hay tệp PDF. Hãy chụp lại hoặc xuất ra PDF \
             (ảnh HEIC trên iPhone được ứng dụng chuyển sang JPEG)."
        ),
        format!(
            "The file {name} is not a JPEG or PNG image or a PDF. Take the photo again or export \
             a PDF (the app turns iPhone HEIC photos into JPEG)."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_told_by_their_first_bytes_only() {
        assert_eq!(
            FileType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(FileType::Jpeg)
        );
        assert_eq!(
            FileType::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(FileType::Png)
        );
        assert_eq!(FileType::sniff(b"%PDF-1.7\n"), Some(FileType::Pdf));
        // HEIC (ftypheic), GIF, a text file named .jpg, too short, empty.
        for head in [
            &b"\0\0\0\x18ftypheic"[..],
            b"GIF89a",
            b"hello.jpg",
            &[0xFF, 0xD8],
            b"",
        ] {
            assert_eq!(FileType::sniff(head), None, "{head:?}");
        }
    }

    #[test]
    fn names_round_trip_and_match_serde() {
        for t in [FileType::Jpeg, FileType::Png, FileType::Pdf] {
            assert_eq!(FileType::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.as_str())
            );
        }
        assert_eq!(FileType::parse("heic"), None);
    }
}
