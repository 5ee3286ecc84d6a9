//! Grows a catalogue to a realistic size for benchmarks: the real
//! procedures plus generated distractors that share their vocabulary
//! (đăng ký, cấp lại, giấy, thẻ…) the way the national catalogue's ~6,000
//! procedures do. The distractors are not real procedures.

use dvc_core::catalogue::model::{
    CatalogueData, DocumentAction, DocumentRule, Fee, FeeChannel, FilingChannel, PostResult,
    Procedure,
};

const ACTIONS: &[(&str, &str)] = &[
    ("Cấp", "Issue of"),
    ("Cấp lại", "Reissue of"),
    ("Cấp đổi", "Renewal of"),
    ("Gia hạn", "Extension of"),
    ("Đăng ký", "Registration of"),
    ("Xác nhận", "Confirmation of"),
    ("Điều chỉnh", "Amendment of"),
    ("Thu hồi", "Withdrawal of"),
    ("Công nhận", "Recognition of"),
    ("Thẩm định", "Appraisal of"),
    ("Chấp thuận", "Approval of"),
    ("Hủy bỏ", "Cancellation of"),
];

const OBJECTS: &[(&str, &str)] = &[
    ("giấy phép kinh doanh vận tải", "transport business licence"),
    ("chứng chỉ hành nghề dược", "pharmacy practice certificate"),
    ("giấy phép xây dựng", "construction permit"),
    (
        "giấy chứng nhận đủ điều kiện an toàn thực phẩm",
        "food safety certificate",
    ),
    ("biển số xe máy chuyên dùng", "special-use vehicle plate"),
    (
        "giấy phép hoạt động giáo dục",
        "education operating licence",
    ),
    (
        "chứng chỉ hành nghề khám bệnh",
        "medical practice certificate",
    ),
    ("giấy phép khai thác nước mặt", "surface water licence"),
    ("giấy phép quảng cáo", "advertising permit"),
    ("thẻ hướng dẫn viên du lịch", "tour guide card"),
    (
        "giấy phép lao động cho người nước ngoài",
        "work permit for foreigners",
    ),
    (
        "giấy chứng nhận đăng ký doanh nghiệp",
        "enterprise registration certificate",
    ),
    (
        "giấy phép tổ chức biểu diễn nghệ thuật",
        "performing arts permit",
    ),
    (
        "giấy chứng nhận cơ sở đủ điều kiện chăn nuôi",
        "livestock facility certificate",
    ),
    ("giấy phép thành lập thư viện", "library founding permit"),
    ("thẻ nhà báo", "press card"),
    (
        "giấy phép sử dụng tần số vô tuyến điện",
        "radio frequency licence",
    ),
    (
        "chứng chỉ quy hoạch xây dựng",
        "construction planning certificate",
    ),
    (
        "giấy phép hoạt động điện lực",
        "electricity operating licence",
    ),
    (
        "giấy chứng nhận kiểm định an toàn kỹ thuật",
        "technical safety inspection certificate",
    ),
    (
        "giấy phép nhập khẩu thuốc thú y",
        "veterinary drug import licence",
    ),
    ("giấy phép dạy thêm học thêm", "extra tutoring licence"),
    ("chứng nhận nhà ở xã hội", "social housing certificate"),
    ("giấy phép bán lẻ rượu", "liquor retail licence"),
    ("giấy phép kinh doanh karaoke", "karaoke business licence"),
];

const QUALIFIERS: &[(&str, &str)] = &[
    ("", ""),
    (" cho doanh nghiệp", " for enterprises"),
    (" cho hợp tác xã", " for cooperatives"),
    (" cấp tỉnh", " at provincial level"),
    (" có vốn đầu tư nước ngoài", " with foreign investment"),
    (" trong khu công nghiệp", " in industrial parks"),
    (" do bị mất, hỏng", " when lost or damaged"),
];

/// `data` with generated procedures added until it has at least `size`.
pub fn expand(mut data: CatalogueData, size: usize) -> CatalogueData {
    let template = data.procedures[0].clone();
    let mut n = 0usize;
    'outer: for (qi, (q_vi, q_en)) in QUALIFIERS.iter().enumerate() {
        for (oi, (o_vi, o_en)) in OBJECTS.iter().enumerate() {
            for (ai, (a_vi, a_en)) in ACTIONS.iter().enumerate() {
                if data.procedures.len() >= size {
                    break 'outer;
                }
                n += 1;
                data.procedures.push(Procedure {
                    code: format!("9.{:06}", qi * 10_000 + oi * 100 + ai),
                    name_vi: format!("{a_vi} {o_vi}{q_vi}"),
                    name_en: format!("{a_en} {o_en}{q_en}"),
                    field_vi: "Lĩnh vực khác".into(),
                    field_en: "Other".into(),
                    keywords: vec![format!("{a_vi} {o_vi}")],
                    agency_vi: "Sở chuyên ngành".into(),
                    agency_en: "Provincial department".into(),
                    fees: vec![Fee {
                        channel: FeeChannel::Any,
                        amount_vnd: Some(100_000),
                        note_vi: None,
                        note_en: None,
                    }],
                    time_limit_days: Some(10),
                    time_limit_note_en: None,
                    time_limit_note_vi: None,
                    channels: vec![FilingChannel::Counter, FilingChannel::Online],
                    result_by_post: PostResult::Allowed,
                    presence: None,
                    legal_basis: vec![],
                    source: "generated for benchmarks".into(),
                    sourced: false,
                    questions: vec![],
                    documents: vec![
                        DocumentRule {
                            id: "request_form".into(),
                            name_vi: format!("Đơn đề nghị {}", a_vi.to_lowercase()),
                            name_en: "Request form".into(),
                            originals: 1,
                            copies: 0,
                            action: DocumentAction::Submit,
                            when: None,
                            note_vi: None,
                            note_en: None,
                        },
                        template
                            .documents
                            .last()
                            .cloned()
                            .unwrap_or_else(|| template.documents[0].clone()),
                    ],
                });
            }
        }
    }
    let _ = n;
    data
}
