//! Trạng thái hồ sơ: the national dossier status codes (1 newly submitted …
//! 10 result returned) with their names in Vietnamese and English, and the
//! moves the agency may make between them.

use crate::error::{CoreError, CoreResult};

/// Not shown: a lookup by item number alone sees the postal steps only.
pub const NOT_SHOWN: i32 = 0;
/// Mới tiếp nhận: newly submitted.
pub const SUBMITTED: i32 = 1;
/// Đã tiếp nhận: accepted.
pub const ACCEPTED: i32 = 2;
/// Không tiếp nhận: not accepted.
pub const REJECTED: i32 = 3;
/// Đang xử lý: in process.
pub const IN_PROCESS: i32 = 4;
/// Yêu cầu bổ sung: supplement requested.
pub const SUPPLEMENT: i32 = 5;
/// Yêu cầu thanh toán: payment required.
pub const PAYMENT: i32 = 6;
/// Công dân rút hồ sơ: withdrawn by the citizen.
pub const WITHDRAWN: i32 = 7;
/// Dừng xử lý: stopped.
pub const STOPPED: i32 = 8;
/// Đã xử lý xong: processed.
pub const PROCESSED: i32 = 9;
/// Đã trả kết quả: result returned.
pub const RETURNED: i32 = 10;

/// The Vietnamese name of status `code` (the portal's wording).
pub fn status_vi(code: i32) -> &'static str {
    match code {
        SUBMITTED => "Mới tiếp nhận",
        ACCEPTED => "Đã tiếp nhận",
        REJECTED => "Không tiếp nhận",
        IN_PROCESS => "Đang xử lý",
        SUPPLEMENT => "Yêu cầu bổ sung",
        PAYMENT => "Yêu cầu thanh toán",
        WITHDRAWN => "Công dân rút hồ sơ",
        STOPPED => "Dừng xử lý",
        PROCESSED => "Đã xử lý xong",
        RETURNED => "Đã trả kết quả",
        NOT_SHOWN => {
            "Chỉ xem được hành trình bưu gửi (cần mã hồ sơ và mã kiểm tra để xem trạng thái)"
        }
        _ => "Không rõ trạng thái",
    }
}

/// The English name of status `code`.
pub fn status_en(code: i32) -> &'static str {
    match code {
        SUBMITTED => "Newly submitted",
        ACCEPTED => "Accepted",
        REJECTED => "Not accepted",
        IN_PROCESS => "In process",
        SUPPLEMENT => "Supplement requested",
        PAYMENT => "Payment required",
        WITHDRAWN => "Withdrawn by the citizen",
        STOPPED => "Stopped",
        PROCESSED => "Processed",
        RETURNED => "Result returned",
        NOT_SHOWN => "Postal journey only (the dossier code and receipt check show the status)",
        _ => "Unknown status",
    }
}

/// Structured reasons for a status change, shown to the citizen in both
/// languages (staff free text never is): `(name, vi, en)`.
pub const REASONS: &[(&str, &str, &str)] = &[
    ("missing_documents", "thiếu giấy tờ", "documents missing"),
    (
        "invalid_documents",
        "giấy tờ không hợp lệ",
        "documents not valid",
    ),
    (
        "needs_supplement",
        "cần bổ sung hồ sơ",
        "the dossier needs supplementing",
    ),
    ("fee_unpaid", "chưa nộp phí, lệ phí", "fees not paid"),
    ("not_eligible", "không đủ điều kiện", "not eligible"),
    (
        "wrong_agency",
        "không thuộc thẩm quyền",
        "not this agency's competence",
    ),
    (
        "requested_by_applicant",
        "theo đề nghị của người nộp",
        "at the applicant's request",
    ),
    (
        "other",
        "lý do khác, liên hệ cơ quan",
        "other reason, contact the agency",
    ),
];

/// The texts of structured reason `name`, if it is one.
pub fn reason_texts(name: &str) -> Option<(&'static str, &'static str)> {
    REASONS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, vi, en)| (*vi, *en))
}

/// True for the statuses that end a dossier without a result (not
/// accepted, withdrawn, stopped): its QR codes are revoked.
pub fn revokes_codes(code: i32) -> bool {
    matches!(code, REJECTED | WITHDRAWN | STOPPED)
}

/// True for the statuses after which nothing more happens to the dossier.
pub fn is_final(code: i32) -> bool {
    matches!(code, REJECTED | WITHDRAWN | STOPPED | RETURNED)
}

/// True when the agency has finished its part (the result exists or the
/// dossier ended), so the processing deadline no longer runs.
pub fn is_decided(code: i32) -> bool {
    matches!(code, REJECTED | WITHDRAWN | STOPPED | PROCESSED | RETURNED)
}

/// Checks that the agency may move a dossier from `from` to `to`.
pub fn check_move(from: i32, to: i32) -> CoreResult<()> {
    if !(SUBMITTED..=RETURNED).contains(&to) {
        return Err(CoreError::invalid(
            "status_code",
            format!("Mã trạng thái là một số từ {SUBMITTED} đến {RETURNED}."),
            format!("The status code must be {SUBMITTED}–{RETURNED}."),
        ));
    }
    let allowed: &[i32] = match from {
        SUBMITTED => &[ACCEPTED, REJECTED, SUPPLEMENT, WITHDRAWN],
        ACCEPTED => &[IN_PROCESS, SUPPLEMENT, PAYMENT, STOPPED, WITHDRAWN],
        IN_PROCESS => &[SUPPLEMENT, PAYMENT, STOPPED, PROCESSED],
        SUPPLEMENT => &[ACCEPTED, IN_PROCESS, STOPPED, WITHDRAWN],
        PAYMENT => &[IN_PROCESS, STOPPED, PROCESSED],
        PROCESSED => &[RETURNED],
        _ => &[],
    };
    if allowed.contains(&to) {
        return Ok(());
    }
    Err(CoreError::conflict(
        crate::Reason::StatusMove,
        format!(
            "Không thể chuyển hồ sơ từ «{}» sang «{}».",
            status_vi(from),
            status_vi(to)
        ),
        format!(
            "A dossier cannot go from “{}” to “{}”.",
            status_en(from),
            status_en(to)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_names_in_both_languages() {
        for code in 1..=10 {
            assert_ne!(status_vi(code), status_vi(11), "{code}");
            assert_ne!(status_en(code), status_en(11), "{code}");
        }
    }

    #[test]
    fn a_code_outside_1_to_10_says_so_instead_of_naming_an_unknown_status() {
        for bad in [0, 11, 255] {
            let err = check_move(ACCEPTED, bad).unwrap_err();
            assert_eq!(err.field(), Some("status_code"));
            assert!(err.en().contains("1–10"), "{}", err.en());
        }
    }

    #[test]
    fn the_happy_path_is_allowed_and_final_states_are_closed() {
        let path = [SUBMITTED, ACCEPTED, IN_PROCESS, PROCESSED, RETURNED];
        for pair in path.windows(2) {
            check_move(pair[0], pair[1]).unwrap();
        }
        for end in [REJECTED, WITHDRAWN, STOPPED, RETURNED] {
            assert!(is_final(end));
            for to in 1..=10 {
                assert!(check_move(end, to).is_err(), "{end} -> {to}");
            }
        }
        assert!(check_move(SUBMITTED, RETURNED).is_err());
    }
}
