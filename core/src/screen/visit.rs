//! Lượt đến nhà: one visit. A pickup scans the citizen's QR (verified
//! offline), ticks the papers collected, takes the sealed bag's number,
//! the fee receipt and photos. A delivery scans the item's S10 barcode
//! (checked against the item expected), takes the recipient, their
//! relation, the identity check, a signature and a photo. Either may end
//! as a failed attempt with its reason. The position is recorded when the
//! phone gives it.

use serde::Serialize;

use super::worklist::kind_text;
use super::{Choice, Fact, Language, Notice, ScreenService, Tone, format};
use crate::error::{CoreError, CoreResult};
use crate::field::model::VisitKind;
use crate::field::view::VisitView;
use crate::tracking::postal::FailReason;
use crate::tracking::s10::S10;

/// The pickup's part of the visit screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PickupForm {
    /// Button: scan the citizen's QR.
    pub scan_label: String,
    /// What the scanned QR said (valid, for which dossier; or why not).
    pub scan: Option<Notice>,
    /// Heading of the papers.
    pub documents_title: String,
    /// The papers the procedure asks for (ids are document ids), ticked as
    /// the citizen said they have them.
    pub documents: Vec<Choice>,
    /// Label of the sealed bag's number.
    pub bag_label: String,
    /// The fee to collect, or that it is free.
    pub fee: String,
    /// Label of the fee receipt's number (when there is a fee).
    pub receipt_label: Option<String>,
    /// Button: photograph the papers.
    pub photo_label: String,
    /// Button: record the pickup.
    pub record_label: String,
}

/// The delivery's part of the visit screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeliveryForm {
    /// The item expected.
    pub s10_expected: String,
    /// Button: scan the item's barcode.
    pub scan_label: String,
    /// Whether the scanned item is the one expected.
    pub scan: Option<Notice>,
    /// The item as scanned, normalised (passed back when recording).
    pub s10_scanned: Option<String>,
    /// Label of the recipient's name.
    pub recipient_label: String,
    /// Heading of the relation choice.
    pub relation_title: String,
    /// The recipient's relation to the addressee (`self` first).
    pub relations: Vec<Choice>,
    /// Label of the identity check box.
    pub identity_label: String,
    /// Button: sign.
    pub signature_label: String,
    /// Button: photograph the hand-over.
    pub photo_label: String,
    /// The fee to collect, or that it is free.
    pub fee: String,
    /// Button: record the delivery.
    pub record_label: String,
}

/// The visit screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VisitScreen {
    /// The visit.
    pub visit_id: String,
    /// Pickup or delivery.
    pub kind: VisitKind,
    /// Title: the stop and what to do.
    pub title: String,
    /// Who, phone, address, window, category, dossier.
    pub facts: Vec<Fact>,
    /// Where it stands on this phone.
    pub state: String,
    /// The pickup's fields (pickups only).
    pub pickup: Option<PickupForm>,
    /// The delivery's fields (deliveries only).
    pub delivery: Option<DeliveryForm>,
    /// Heading of the failed attempt.
    pub fail_title: String,
    /// Why it failed (ids are the API's reason names).
    pub fail_reasons: Vec<Choice>,
    /// Label of the note.
    pub note_label: String,
    /// Button: record the failed attempt.
    pub fail_label: String,
    /// That the position is recorded when the phone gives it.
    pub position_note: String,
}

/// Who may receive a result for the addressee.
const RELATIONS: [(&str, &str, &str); 6] = [
    ("self", "Chính người nhận", "The addressee"),
    ("spouse", "Vợ / chồng", "Spouse"),
    ("child", "Con", "Child"),
    ("parent", "Bố / mẹ", "Parent"),
    ("relative", "Người thân khác", "Other relative"),
    ("other", "Khác (ghi chú)", "Other (add a note)"),
];

impl ScreenService {
    /// Visit `visit_id` from the stored worklist (works offline), with
    /// what was `scanned` (the citizen's QR for a pickup, the item's
    /// barcode for a delivery) if anything.
    pub fn visit(
        &self,
        lang: Language,
        visit_id: &str,
        scanned: Option<&str>,
    ) -> CoreResult<VisitScreen> {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let list = self.field().worklist()?;
        let v = list
            .visits
            .into_iter()
            .find(|v| v.id == visit_id)
            .ok_or_else(|| {
                CoreError::not_found(
                    format!("Không có lượt {visit_id} trong danh sách hôm nay."),
                    format!("No visit {visit_id} on today's list."),
                )
            })?;
        let fee = if v.fee_vnd == 0 {
            t("Miễn phí", "Free")
        } else {
            match lang {
                Language::Vi => format!("Thu phí {}", format::money(v.fee_vnd, lang)),
                Language::En => format!("Collect {}", format::money(v.fee_vnd, lang)),
            }
        };
        let scanned = scanned.map(str::trim).filter(|s| !s.is_empty());
        let (pickup, delivery) = match v.kind {
            VisitKind::Pickup => (Some(self.pickup_form(&v, scanned, fee, lang)), None),
            VisitKind::Delivery => (None, Some(delivery_form(&v, scanned, fee, lang))),
        };
        let state = super::worklist::visit_state(v.local_state, lang).to_owned();
        Ok(VisitScreen {
            visit_id: v.id.clone(),
            kind: v.kind,
            title: format!("{}. {}", v.stop, kind_text(v.kind, lang)),
            facts: facts(&v, lang),
            state,
            pickup,
            delivery,
            fail_title: t("Không thành công", "Could not be done"),
            fail_reasons: FailReason::ALL
                .into_iter()
                .map(|r| {
                    let text = lang.pick(r.text_vi(), r.text_en());
                    Choice::new(r.as_str(), capitalise(text), false)
                })
                .collect(),
            note_label: t("Ghi chú", "Note"),
            fail_label: t("Ghi nhận không thành công", "Record the failed attempt"),
            position_note: t(
                "Vị trí được ghi kèm khi điện thoại cho phép.",
                "The position is recorded when the phone allows it.",
            ),
        })
    }

    fn pickup_form(
        &self,
        v: &VisitView,
        scanned: Option<&str>,
        fee: String,
        lang: Language,
    ) -> PickupForm {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let verification = scanned.map(|payload| self.qr().verify(payload));
        let scan = verification.as_ref().map(|ver| {
            let tone = if ver.valid && !ver.keyring_stale {
                Tone::Success
            } else if ver.valid {
                Tone::Warning
            } else {
                Tone::Error
            };
            Notice::new(tone, lang.pick(&ver.message_vi, &ver.message_en))
        });
        let documents = verification
            .as_ref()
            .filter(|ver| ver.valid)
            .and_then(|ver| {
                let procedure = self.catalogue().procedure(ver.procedure.as_deref()?).ok()?;
                Some(
                    procedure
                        .documents
                        .iter()
                        .map(|d| {
                            let name = lang.pick(&d.name_vi, &d.name_en);
                            let held = ver.documents_held.contains(&d.id);
                            Choice::new(d.id.clone(), name, held)
                        })
                        .collect(),
                )
            })
            .unwrap_or_default();
        PickupForm {
            scan_label: t("Quét mã QR của người dân", "Scan the citizen's QR code"),
            scan,
            documents_title: t("Giấy tờ đã kiểm và nhận", "Papers checked and collected"),
            documents,
            bag_label: t("Số túi niêm phong", "Sealed bag number"),
            receipt_label: (v.fee_vnd > 0).then(|| t("Số biên lai thu phí", "Fee receipt number")),
            fee,
            photo_label: t("Chụp ảnh giấy tờ", "Photograph the papers"),
            record_label: t("Ghi nhận đã thu gom", "Record the pickup"),
        }
    }
}

fn delivery_form(
    v: &VisitView,
    scanned: Option<&str>,
    fee: String,
    lang: Language,
) -> DeliveryForm {
    let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
    let expected = v.s10.clone().unwrap_or_default();
    let read = scanned.map(|s| s.parse::<S10>());
    let scan = read.as_ref().map(|r| match r {
        Ok(s) if s.as_str() == expected => Notice::new(
            Tone::Success,
            match lang {
                Language::Vi => format!("Đúng bưu gửi {expected}."),
                Language::En => format!("Right item: {expected}."),
            },
        ),
        Ok(s) => Notice::new(
            Tone::Error,
            match lang {
                Language::Vi => format!("Sai bưu gửi: quét được {}, cần {expected}.", s.as_str()),
                Language::En => format!("Wrong item: scanned {}, expected {expected}.", s.as_str()),
            },
        ),
        Err(p) => Notice::new(Tone::Error, lang.pick(p.message_vi(), p.message_en())),
    });
    DeliveryForm {
        s10_scanned: read.and_then(|r| r.ok()).map(|s| s.as_str().to_owned()),
        s10_expected: expected,
        scan_label: t("Quét mã bưu gửi", "Scan the item's barcode"),
        scan,
        recipient_label: t("Họ tên người nhận", "Recipient's name"),
        relation_title: t("Quan hệ với người được giao", "Relation to the addressee"),
        relations: RELATIONS
            .iter()
            .map(|(id, vi, en)| Choice::new(*id, lang.pick(vi, en), *id == "self"))
            .collect(),
        identity_label: t(
            "Đã kiểm tra giấy tờ tuỳ thân của người nhận",
            "Checked the recipient's identity document",
        ),
        signature_label: t("Người nhận ký", "Recipient signs"),
        photo_label: t("Chụp ảnh khi giao", "Photograph the hand-over"),
        fee,
        record_label: t("Ghi nhận đã giao", "Record the delivery"),
    }
}

fn facts(v: &VisitView, lang: Language) -> Vec<Fact> {
    let mut out = vec![
        Fact::new(lang.pick("Người nhận", "Contact"), v.contact_name.clone()),
        Fact::new(lang.pick("Điện thoại", "Phone"), v.contact_phone.clone()),
        Fact::new(lang.pick("Địa chỉ", "Address"), v.address.clone()),
        Fact::new(lang.pick("Khung giờ", "Window"), v.window_local.clone()),
        Fact::new(
            lang.pick("Đối tượng", "Household"),
            lang.pick(v.beneficiary.name_vi(), v.beneficiary.name_en()),
        ),
    ];
    if let Some(code) = &v.dossier_code {
        out.push(Fact::new(lang.pick("Hồ sơ", "Dossier"), code.clone()));
    }
    if v.failed_attempts > 0 {
        out.push(Fact::new(
            lang.pick("Lần trước không thành công", "Failed attempts"),
            format::number(i64::from(v.failed_attempts), lang),
        ));
    }
    out
}

/// `text` with its first letter upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
