//! Chậm hẹn: whether a dossier is late, against the date the agency
//! promised and the date the result was expected at the door.

use chrono::NaiveDate;

use super::model::Track;
use super::postal::PostalStep;
use super::status;

/// A late warning for the citizen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateWarning {
    /// Working or calendar days past the date (calendar days).
    pub days: i64,
    /// In Vietnamese.
    pub text_vi: String,
    /// In English.
    pub text_en: String,
}

/// The warning for `track` on `today` (Vietnam date), if it is late: the
/// agency has not decided by the promised date, or the result has not
/// reached the door by the expected date.
pub fn late_warning(track: &Track, today: NaiveDate) -> Option<LateWarning> {
    if !status::is_decided(track.status_code)
        && let Some(promised) = track.promised_date
        && today > promised
    {
        let days = (today - promised).num_days();
        return Some(LateWarning {
            days,
            text_vi: format!(
                "Hồ sơ quá hạn {days} ngày so với ngày hẹn trả {}. Cơ quan phải gửi thư xin lỗi và hẹn lại ngày.",
                promised.format("%d/%m/%Y")
            ),
            text_en: format!(
                "The dossier is {days} day(s) past the promised date {}. The agency must apologise and set a new date.",
                promised.format("%d/%m/%Y")
            ),
        });
    }
    let delivered = track.postal_step.is_some_and(PostalStep::is_final);
    if track.home_delivery
        && !delivered
        && track.status_code != status::RETURNED
        && !status::is_final(track.status_code)
        && let Some(expected) = track.expected_delivery
        && today > expected
    {
        let days = (today - expected).num_days();
        return Some(LateWarning {
            days,
            text_vi: format!(
                "Kết quả giao chậm {days} ngày so với dự kiến {}.",
                expected.format("%d/%m/%Y")
            ),
            text_en: format!(
                "The result is {days} day(s) later than expected ({}).",
                expected.format("%d/%m/%Y")
            ),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(status_code: i32, step: Option<PostalStep>) -> Track {
        Track {
            dossier_id: "d1".into(),
            dossier_code: Some("000.00.01.H26-261120-0001".into()),
            procedure_code: "1.001193".into(),
            status_code,
            home_delivery: true,
            s10: None,
            postal_step: step,
            failed_attempts: 0,
            promised_date: NaiveDate::from_ymd_opt(2026, 11, 25),
            expected_delivery: NaiveDate::from_ymd_opt(2026, 11, 27),
            events: Vec::new(),
            cursor: 0,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn processing_late_only_after_the_promised_date_and_while_undecided() {
        assert_eq!(late_warning(&track(4, None), day(25)), None);
        let w = late_warning(&track(4, None), day(27)).unwrap();
        assert_eq!(w.days, 2);
        assert!(w.text_vi.contains("25/11/2026"), "{}", w.text_vi);
        assert_eq!(late_warning(&track(9, None), day(26)), None);
    }

    #[test]
    fn delivery_late_after_the_expected_date_until_delivered() {
        let w = late_warning(&track(9, Some(PostalStep::OutForDelivery)), day(30)).unwrap();
        assert_eq!(w.days, 3);
        assert_eq!(
            late_warning(&track(9, Some(PostalStep::OutForDelivery)), day(27)),
            None
        );
        assert_eq!(
            late_warning(&track(10, Some(PostalStep::Delivered)), day(30)),
            None
        );
        let mut pickup = track(9, None);
        pickup.home_delivery = false;
        assert_eq!(late_warning(&pickup, day(30)), None);
    }
}
