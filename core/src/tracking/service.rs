//! Tracking calls: look a dossier up by code or item number, refresh its
//! timeline incrementally, hand new events to the phone as notifications,
//! and show the home-delivery terms before the citizen chooses.

use std::sync::Arc;

use super::model::{DeliveryTerms, Track};
use super::notify::Notification;
use super::s10::S10;
use super::store;
use super::view::{TrackView, view};
use crate::context::Context;
use crate::dossier::code::DossierCode;
use crate::error::{CoreError, CoreResult, ErrorKind};
use crate::field::model::Beneficiary;

/// The fee quote shown beside the "deliver home" choice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeliveryQuote {
    /// What the household pays, in đồng (0 when free).
    pub fee_vnd: i64,
    /// True for beneficiaries.
    pub free: bool,
    /// Working days from hand-over to the door.
    pub service_days: i32,
    /// The quote, in Vietnamese.
    pub text_vi: String,
    /// The quote, in English.
    pub text_en: String,
    /// True when the fee is a sample figure, not the operator's tariff.
    pub sample: bool,
}

/// Theo dõi: dossier timelines and notifications.
#[derive(Clone)]
pub struct TrackingService {
    ctx: Arc<Context>,
}

/// A dossier code or an S10 item number, checked.
/// The lookup key of `input` (a dossier code, or an S10 number), and the
/// receipt's check code when `input` is `CODE#CHECK`.
fn split_check(input: &str) -> (&str, Option<&str>) {
    match input.trim().split_once('#') {
        Some((key, check)) => (key.trim(), Some(check.trim())),
        None => (input.trim(), None),
    }
}

fn lookup_key(input: &str) -> CoreResult<String> {
    let text = input.trim();
    if text.contains('-') {
        let code: DossierCode = text.parse()?;
        Ok(code.to_string())
    } else {
        let item: S10 = text.parse()?;
        Ok(item.as_str().to_owned())
    }
}

impl TrackingService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// Refreshes the dossier with code (or result item number) `key` from
    /// the server, asking only for events newer than the stored ones, and
    /// returns its screen. Out of reach, the stored copy is returned marked
    /// `stale` (an error only if there is none).
    pub async fn track(&self, key: String) -> CoreResult<TrackView> {
        let (key, check) = split_check(&key);
        let check = check.map(str::to_owned);
        let key = lookup_key(key)?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                match fetch(&ctx, &key, check.as_deref()).await {
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::Offline || e.kind() == ErrorKind::Server => {
                        return match ctx.db.read(|c| store::load(c, &key))? {
                            Some((track, at)) => Ok(view(&track, at, true, ctx.now())),
                            None => Err(e),
                        };
                    }
                    Err(e) => return Err(e),
                }
                let (track, at) = ctx
                    .db
                    .read(|c| store::load(c, &key))?
                    .ok_or_else(|| CoreError::internal("track not stored"))?;
                Ok(view(&track, at, false, ctx.now()))
            })
            .await
    }

    /// The stored screen of `key` (dossier id, code or item), offline.
    pub fn cached(&self, key: &str) -> CoreResult<Option<TrackView>> {
        Ok(self
            .ctx
            .db
            .read(|c| store::load(c, key.trim()))?
            .map(|(t, at)| view(&t, at, true, self.ctx.now())))
    }

    /// Refreshes every tracked dossier (a background fetch); returns how
    /// many new notifications that produced. Dossiers out of reach are
    /// skipped and tried next time.
    pub async fn refresh_all(&self) -> CoreResult<u32> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let ids = ctx.db.read(store::tracked)?;
                let mut added = 0;
                for key in ids {
                    match fetch(&ctx, &key, None).await {
                        Ok(n) => added += n as u32,
                        Err(e) if e.kind() == ErrorKind::Offline => return Err(e),
                        Err(e) => tracing::warn!(kind = e.kind().as_str(), "track refresh failed"),
                    }
                }
                Ok(added)
            })
            .await
    }

    /// Notifications to show, oldest first; each appears until marked
    /// shown, and never twice.
    pub fn pending_notifications(&self) -> CoreResult<Vec<Notification>> {
        self.ctx.db.read(store::pending)
    }

    /// The `limit` latest notifications, shown or not, newest first (the
    /// home screen's list).
    pub fn recent_notifications(&self, limit: u32) -> CoreResult<Vec<Notification>> {
        self.ctx.db.read(|c| store::recent(c, i64::from(limit)))
    }

    /// Marks notifications shown.
    pub fn mark_shown(&self, ids: Vec<i64>) -> CoreResult<()> {
        self.ctx
            .db
            .write(|tx| store::mark_shown(tx, &ids, self.ctx.now()))
    }

    /// The home-delivery fee for a household of `beneficiary`, from the
    /// server's terms.
    pub async fn delivery_quote(&self, beneficiary: Beneficiary) -> CoreResult<DeliveryQuote> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let terms: DeliveryTerms = ctx.api.get("/v1/delivery/terms", None).await?;
                Ok(quote(&terms, beneficiary))
            })
            .await
    }
}

/// Fetches the events after the stored cursor and stores them; returns
/// the notifications added.
async fn fetch(ctx: &Context, key: &str, check: Option<&str>) -> CoreResult<usize> {
    let since = ctx
        .db
        .read(|c| store::cursor(c, key))?
        .map_or(0, |(_, cursor)| cursor);
    let stored = match check {
        Some(_) => None,
        None => ctx.db.read(|c| store::check_for(c, key))?,
    };
    let check = check.or(stored.as_deref());
    let mut path = format!("/v1/track/{}?since={since}", urlencode(key));
    if let Some(check) = check {
        path.push_str(&format!("&check={}", urlencode(check)));
    }
    // The owner's (or the office's) session opens a dossier's full track;
    // without one, a dossier code needs the receipt's check.
    let token = crate::account::session::load_grant(ctx)?.map(|g| g.token);
    let track: Track = ctx.api.get(&path, token.as_deref()).await?;
    let added = ctx.db.write(|tx| {
        if let Some(check) = check {
            store::keep_check(tx, key, check)?;
        }
        store::save(tx, &track, ctx.now())
    })?;
    if added > 0 {
        ctx.events.emit(crate::events::CoreEvent::NewNotifications {
            count: added as i32,
        });
    }
    Ok(added)
}

fn urlencode(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' => c.to_string(),
            other => format!("%{:02X}", other as u32),
        })
        .collect()
}

/// The quote of `terms` for `beneficiary`.
pub fn quote(terms: &DeliveryTerms, beneficiary: Beneficiary) -> DeliveryQuote {
    let free = beneficiary.is_free();
    let fee_vnd = if free { 0 } else { terms.fee_vnd };
    let (text_vi, text_en) = if free {
        (
            format!(
                "Miễn phí giao kết quả tận nhà cho {}. Dự kiến {} ngày làm việc sau khi có kết quả.",
                beneficiary.name_vi().to_lowercase(),
                terms.service_days
            ),
            format!(
                "Home delivery is free for: {}. Expected {} working days after the result is ready.",
                beneficiary.name_en().to_lowercase(),
                terms.service_days
            ),
        )
    } else {
        (
            format!(
                "Phí giao kết quả tận nhà: {} đồng. Dự kiến {} ngày làm việc sau khi có kết quả.",
                crate::checklist::build::group_thousands(fee_vnd),
                terms.service_days
            ),
            format!(
                "Home delivery fee: {} VND. Expected {} working days after the result is ready.",
                crate::checklist::build::group_thousands(fee_vnd),
                terms.service_days
            ),
        )
    };
    DeliveryQuote {
        fee_vnd,
        free,
        service_days: terms.service_days,
        text_vi,
        text_en,
        sample: terms.sample,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_before_any_request() {
        assert_eq!(lookup_key(" rb123456785vn ").unwrap(), "RB123456785VN");
        assert!(lookup_key("RB123456786VN").is_err());
        assert!(lookup_key("000.00.01.H26-261120-00X1").is_err());
    }

    #[test]
    fn beneficiaries_pay_nothing_and_others_the_configured_fee() {
        let terms = DeliveryTerms {
            fee_vnd: 25_000,
            service_days: 2,
            sample: true,
            note: String::new(),
        };
        let merit = quote(&terms, Beneficiary::Merit);
        assert_eq!((merit.fee_vnd, merit.free), (0, true));
        let social = quote(&terms, Beneficiary::Social);
        assert_eq!(social.fee_vnd, 0);
        let general = quote(&terms, Beneficiary::None);
        assert_eq!((general.fee_vnd, general.free), (25_000, false));
        assert!(
            general.text_vi.contains("25.000 đồng"),
            "{}",
            general.text_vi
        );
    }
}
