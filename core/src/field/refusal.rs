//! What each reason the server gives for turning a field action down
//! means to the staff member, and what to do about it, in both languages.
//! Unknown codes (a newer server) get a general text that names the code.

use crate::Reason;

/// The Vietnamese and English texts for refusal `reason`.
pub fn texts(reason: &str) -> (String, String) {
    let known: Option<(&str, &str)> = match Reason::parse(reason) {
        Reason::UnknownVisit => Some((
            "Lượt thăm này không còn trên hệ thống; hỏi bưu cục.",
            "This visit is no longer on the system; ask the office.",
        )),
        Reason::NotAssigned => Some((
            "Lượt thăm đã được giao cho người khác; hỏi bưu cục.",
            "The visit was given to someone else; ask the office.",
        )),
        Reason::TimeBeforeVisit | Reason::TimeInFuture => Some((
            "Giờ ghi trên máy không hợp lệ; kiểm tra giờ của điện thoại rồi gửi lại.",
            "The time recorded on the phone is not valid; check the phone's clock, then retry.",
        )),
        Reason::IdentityNotChecked => Some((
            "Chưa ghi nhận việc kiểm tra giấy tờ của người nhận.",
            "The recipient's identity check was not recorded.",
        )),
        Reason::NoRecipient => Some(("Thiếu tên người nhận.", "The recipient's name is missing.")),
        Reason::BadEvidenceHash => Some((
            "Chữ ký hoặc ảnh làm bằng chứng không đọc được; ghi lại lần giao.",
            "The signature or photo evidence cannot be read; record the delivery again.",
        )),
        Reason::FileMissing => Some((
            "Máy chủ chưa có tệp chữ ký hoặc ảnh của thao tác này (tệp không còn trên máy hoặc bị từ chối); ghi lại lần giao với chữ ký mới.",
            "The server does not have this action's signature or photo file (gone from the phone, or refused); record the delivery again with a new signature.",
        )),
        Reason::NotAPickup | Reason::NotADelivery => Some((
            "Thao tác không khớp với loại lượt thăm.",
            "The action does not match the kind of visit.",
        )),
        Reason::WrongDossier => Some((
            "Mã QR thuộc hồ sơ khác với lượt thăm này.",
            "The QR code belongs to another dossier than this visit's.",
        )),
        Reason::WrongItem => Some((
            "Số bưu gửi không khớp với lượt phát này.",
            "The item number does not match this delivery.",
        )),
        Reason::NoDossier | Reason::NoItem => Some((
            "Lượt thăm chưa có hồ sơ hoặc bưu gửi; hỏi bưu cục.",
            "The visit has no dossier or item yet; ask the office.",
        )),
        Reason::InvalidDossier | Reason::UnknownProcedure | Reason::UnknownDocument => Some((
            "Hồ sơ lập tại nhà có thông tin không hợp lệ; kiểm tra thủ tục và giấy tờ.",
            "The dossier made at the door is not valid; check the procedure and documents.",
        )),
        Reason::DailyDossierLimit | Reason::DailyLimit => Some((
            "Người dân đã nộp đủ số hồ sơ tối đa trong ngày; gửi lại vào ngày làm việc sau.",
            "The citizen has filed the most dossiers allowed today; retry on the next working day.",
        )),
        Reason::TooManyOpenDossiers => Some((
            "Người dân có quá nhiều hồ sơ đang xử lý; hỏi bưu cục.",
            "The citizen has too many open dossiers; ask the office.",
        )),
        Reason::ChainCheckFailed => Some((
            "Nhật ký trên máy không liền mạch; bưu cục sẽ xem xét thao tác này.",
            "The device's log does not link up; the office will review this action.",
        )),
        Reason::Unreadable
        | Reason::UnsafeText
        | Reason::TooLarge
        | Reason::InvalidKey
        | Reason::InvalidEntry
        | Reason::InvalidData => Some((
            "Máy chủ không đọc được thao tác này; báo bộ phận hỗ trợ.",
            "The server cannot read this action; tell support.",
        )),
        _ => None,
    };
    match known {
        Some((vi, en)) => (vi.to_owned(), en.to_owned()),
        None => (
            format!("Máy chủ từ chối thao tác này (mã «{reason}»); hỏi bưu cục."),
            format!("The server turned this action down (code “{reason}”); ask the office."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::texts;

    #[test]
    fn known_codes_have_their_own_text_and_unknown_ones_name_the_code() {
        let (vi, en) = texts("daily_dossier_limit");
        assert!(vi.contains("ngày") && en.contains("next working day"));
        let (vi, en) = texts("brand_new_reason");
        assert!(vi.contains("brand_new_reason") && en.contains("brand_new_reason"));
    }
}
