//! How large files may be, as data: the phone refuses what is over a limit
//! before storing it (never truncating), and the server checks the same
//! limits again. The apps downscale photos before handing them over.

use crate::{CoreError, CoreResult, Reason};

/// Size limits of pages and proofs of delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimits {
    /// Bytes one file may have.
    pub file_bytes: u64,
    /// Bytes all the pages of one dossier may have together.
    pub dossier_bytes: u64,
    /// Pages one document may have.
    pub pages_per_document: u32,
}

impl Default for FileLimits {
    /// 5 MB a file, 40 MB a dossier, 20 pages a document: what online
    /// filing portals commonly take.
    fn default() -> Self {
        Self {
            file_bytes: 5_000_000,
            dossier_bytes: 40_000_000,
            pages_per_document: 20,
        }
    }
}

impl FileLimits {
    /// These limits with `file_bytes` and `dossier_bytes` where they are
    /// positive (the apps' and the CLI's settings; 0 keeps the default).
    pub fn with(mut self, file_bytes: i64, dossier_bytes: i64) -> Self {
        if let Ok(n @ 1..) = u64::try_from(file_bytes) {
            self.file_bytes = n;
        }
        if let Ok(n @ 1..) = u64::try_from(dossier_bytes) {
            self.dossier_bytes = n;
        }
        self
    }

    /// Refuses a file of `bytes` named `name` over the per-file limit.
    pub fn check_file(&self, name: &str, bytes: u64) -> CoreResult<()> {
        if bytes <= self.file_bytes {
            return Ok(());
        }
        Err(CoreError::conflict(
            Reason::FileTooLarge,
            format!(
                "Tệp {name} nặng {}, quá mức {} cho mỗi tệp. Hãy chụp với độ phân giải thấp hơn \
                 hoặc chia tài liệu thành nhiều trang.",
                megabytes(bytes, true),
                megabytes(self.file_bytes, true)
            ),
            format!(
                "The file {name} is {}, over the {} a file may be. Take the photo at a lower \
                 resolution or split the document into pages.",
                megabytes(bytes, false),
                megabytes(self.file_bytes, false)
            ),
        ))
    }

    /// Refuses a dossier whose pages would come to `total` bytes.
    pub fn check_dossier(&self, total: u64) -> CoreResult<()> {
        if total <= self.dossier_bytes {
            return Ok(());
        }
        Err(CoreError::conflict(
            Reason::DossierTooLarge,
            format!(
                "Các trang của hồ sơ sẽ nặng {}, quá mức {} cho một hồ sơ. Hãy bỏ bớt trang \
                 hoặc chụp nhẹ hơn.",
                megabytes(total, true),
                megabytes(self.dossier_bytes, true)
            ),
            format!(
                "The dossier's pages would come to {}, over the {} one dossier may hold. Remove \
                 some pages or take lighter photos.",
                megabytes(total, false),
                megabytes(self.dossier_bytes, false)
            ),
        ))
    }

    /// Refuses one more page for a document that has `pages` already.
    pub fn check_pages(&self, document: &str, pages: u32) -> CoreResult<()> {
        if pages < self.pages_per_document {
            return Ok(());
        }
        Err(CoreError::conflict(
            Reason::TooManyPages,
            format!(
                "Giấy tờ «{document}» đã có {pages} trang, tối đa {} trang.",
                self.pages_per_document
            ),
            format!(
                "The document “{document}” has {pages} pages already; at most {}.",
                self.pages_per_document
            ),
        ))
    }
}

/// The refusal of a dossier filed online while documents `missing` have
/// no page (the phone before it queues, the server when it files).
pub fn pages_missing(missing: &[String]) -> CoreError {
    CoreError::invalid(
        "pages",
        format!(
            "Nộp trực tuyến cần ảnh chụp hoặc bản quét của: {}.",
            missing.join(", ")
        ),
        format!(
            "Filing online needs a photo or scan of: {}.",
            missing.join(", ")
        ),
    )
}

/// `bytes` in megabytes (10⁶) with one decimal: "4,8 MB" or "4.8 MB".
pub fn megabytes(bytes: u64, vietnamese: bool) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    if tenth == 0 {
        format!("{whole} MB")
    } else if vietnamese {
        format!("{whole},{tenth} MB")
    } else {
        format!("{whole}.{tenth} MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_at_the_limit_passes_and_one_byte_more_is_refused_in_both_languages() {
        let l = FileLimits::default();
        assert!(l.check_file("a.jpg", 5_000_000).is_ok());
        let e = l.check_file("a.jpg", 5_000_001).unwrap_err();
        assert_eq!(e.reason(), Some("file_too_large"));
        assert!(e.vi().contains("quá mức 5 MB"), "{}", e.vi());
        assert!(e.en().contains("over the 5 MB"), "{}", e.en());
        let e = l.check_dossier(41_234_567).unwrap_err();
        assert!(e.vi().contains("41,2 MB") && e.en().contains("41.2 MB"));
        assert!(l.check_pages("cccd", 19).is_ok());
        assert_eq!(
            l.check_pages("cccd", 20).unwrap_err().reason(),
            Some("too_many_pages")
        );
    }

    #[test]
    fn settings_replace_only_positive_limits() {
        let l = FileLimits::default().with(0, 250_000_000);
        assert_eq!((l.file_bytes, l.dossier_bytes), (5_000_000, 250_000_000));
        assert_eq!(FileLimits::default().with(-1, -1), FileLimits::default());
    }
}
