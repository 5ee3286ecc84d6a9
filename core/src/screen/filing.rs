//! Nộp hồ sơ: choosing the receiving office and pickup or home delivery
//! (fee shown, free for beneficiaries), what still stops filing, a filing
//! waiting for the network; then the signed QR shown full-screen.

use serde::Serialize;

use super::{Choice, Language, Notice, ScreenService, Tone, unreachable};
use crate::api::model::Delivery;
use crate::error::CoreResult;

/// The filing screen of one draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FilingScreen {
    /// The draft.
    pub draft_id: String,
    /// Title.
    pub title: String,
    /// The procedure.
    pub procedure: String,
    /// What still stops filing (missing papers or pages).
    pub blockers: Vec<Notice>,
    /// Heading of the office choice.
    pub office_title: String,
    /// Offices to file at (fixed to the booked one when there is a booking).
    pub offices: Vec<Choice>,
    /// Said when the office is fixed by an appointment.
    pub office_note: Option<String>,
    /// Heading of the delivery choice.
    pub delivery_title: String,
    /// `pickup` or `home`, each with its fee in the label.
    pub deliveries: Vec<Choice>,
    /// The home-delivery terms in words (fee, days; free for beneficiaries).
    pub delivery_note: String,
    /// Label of the address field (home delivery).
    pub address_label: String,
    /// The address given, if any.
    pub address: String,
    /// A filing of this draft waiting on the phone: for the network, or
    /// turned down (with the server's reason).
    pub queued: Option<Notice>,
    /// True when the button can be pressed.
    pub can_file: bool,
    /// Button: file.
    pub file_label: String,
}

/// The dossier's QR code, shown full-screen at the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QrScreen {
    /// The dossier.
    pub dossier_id: String,
    /// Title.
    pub title: String,
    /// The national dossier code, large.
    pub dossier_code: String,
    /// The QR image (PNG).
    pub png: Vec<u8>,
    /// The image's accessibility label.
    pub image_label: String,
    /// What to do with it.
    pub caption: String,
    /// The receipt's check for public tracking (owner only), in words.
    pub track_check: Option<String>,
    /// Raise the screen's brightness while shown (scanners read it better).
    pub full_brightness: bool,
}

impl ScreenService {
    /// The filing screen of draft `draft_id`.
    pub async fn filing(&self, lang: Language, draft_id: &str) -> CoreResult<FilingScreen> {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let draft = self.checklists().draft(draft_id)?;
        let c = &draft.checklist;
        let procedure = lang
            .pick(&c.procedure_name_vi, &c.procedure_name_en)
            .to_owned();
        let name_of = |id: &String| {
            c.items
                .iter()
                .find(|i| &i.id == id)
                .map(|i| lang.pick(&i.name_vi, &i.name_en).to_owned())
                .unwrap_or_else(|| id.clone())
        };
        let mut blockers = Vec::new();
        if !c.missing.is_empty() {
            let names: Vec<String> = c.missing.iter().map(name_of).collect();
            blockers.push(Notice::new(
                Tone::Warning,
                format!(
                    "{}: {}",
                    lang.pick("Còn thiếu", "Still missing"),
                    names.join(", ")
                ),
            ));
        }
        if !c.pages_missing.is_empty() {
            let names: Vec<String> = c.pages_missing.iter().map(name_of).collect();
            blockers.push(Notice::new(
                Tone::Warning,
                format!(
                    "{}: {}",
                    lang.pick("Chưa chụp trang", "No page photographed"),
                    names.join(", ")
                ),
            ));
        }
        let booked = draft.plan.booking_id.is_some();
        let offices = self
            .office_service()
            .cached()?
            .into_iter()
            .filter(|o| !booked || draft.plan.office_id.as_deref() == Some(o.id.as_str()))
            .map(|o| {
                let selected = draft.plan.office_id.as_deref() == Some(o.id.as_str());
                Choice::new(o.id, o.name, selected)
            })
            .collect::<Vec<_>>();
        let beneficiary = draft.profile.beneficiary;
        let home_fee = match self.tracking().delivery_quote(beneficiary).await {
            Ok(q) => Some(q),
            Err(e) if unreachable(&e) => None,
            Err(e) => return Err(e),
        };
        let (home_label, delivery_note) = match &home_fee {
            Some(q) => (
                format!(
                    "{} ({})",
                    lang.pick("Giao tận nhà", "Home delivery"),
                    super::format::fee(q.fee_vnd, lang)
                ),
                lang.pick(&q.text_vi, &q.text_en).to_owned(),
            ),
            None => (
                t("Giao tận nhà", "Home delivery"),
                t(
                    "Không có mạng: chưa xem được phí giao tận nhà.",
                    "Offline: the home-delivery fee cannot be shown yet.",
                ),
            ),
        };
        let (home, address) = match &draft.plan.delivery {
            Delivery::Home { address } => (true, address.clone()),
            Delivery::Pickup => (false, String::new()),
        };
        let queued = self
            .dossiers()
            .pending_filings()?
            .into_iter()
            .find(|f| f.draft_id == draft_id)
            .map(|f| match (f.error_vi, f.error_en) {
                (Some(vi), Some(en)) => Notice::new(Tone::Error, lang.take(vi, en)),
                _ => Notice::new(
                    Tone::Info,
                    t(
                        "Đã lưu để nộp: hồ sơ sẽ được gửi khi có mạng.",
                        "Saved to file: the dossier is sent when the network is back.",
                    ),
                ),
            });
        Ok(FilingScreen {
            draft_id: draft.id.clone(),
            title: t("Nộp hồ sơ", "File the dossier"),
            procedure,
            can_file: blockers.is_empty() && draft.plan.office_id.is_some(),
            blockers,
            office_title: t("Nơi tiếp nhận", "Receiving office"),
            office_note: booked.then(|| {
                t(
                    "Nộp tại nơi bạn đã đặt lịch hẹn.",
                    "Filed at the office of your appointment.",
                )
            }),
            offices,
            delivery_title: t("Nhận kết quả", "Getting the result"),
            deliveries: vec![
                Choice::new(
                    "pickup",
                    lang.pick(
                        "Nhận tại điểm phục vụ (miễn phí)",
                        "Collect at the office (free)",
                    ),
                    !home,
                ),
                Choice::new("home", home_label, home),
            ],
            delivery_note,
            address_label: t("Địa chỉ nhận kết quả", "Delivery address"),
            address,
            queued,
            file_label: t("Nộp hồ sơ", "File the dossier"),
        })
    }

    /// The QR screen of dossier `dossier_id` (works offline: the signed
    /// code is stored with the dossier).
    pub fn dossier_qr(&self, lang: Language, dossier_id: &str) -> CoreResult<QrScreen> {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let image = self.qr().dossier_code(dossier_id)?;
        let dossier = self.dossiers().cached_one(dossier_id)?;
        let code = dossier
            .as_ref()
            .and_then(|d| d.code.clone())
            .unwrap_or_else(|| dossier_id.to_owned());
        let track_check = dossier.and_then(|d| d.track_check).map(|c| match lang {
            Language::Vi => format!("Mã kiểm tra để tra cứu: {c}"),
            Language::En => format!("Check code for public tracking: {c}"),
        });
        Ok(QrScreen {
            dossier_id: dossier_id.to_owned(),
            title: t("Mã QR hồ sơ", "Dossier QR code"),
            image_label: match lang {
                Language::Vi => format!("Mã QR của hồ sơ {code}"),
                Language::En => format!("QR code of dossier {code}"),
            },
            dossier_code: code,
            png: image.png,
            caption: lang.take(image.caption_vi, image.caption_en),
            track_check,
            full_brightness: true,
        })
    }
}
