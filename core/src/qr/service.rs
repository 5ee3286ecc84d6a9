//! QR calls for the screens: show a dossier's code (offline, from the
//! cache), show a draft's unsigned code, verify and scan codes offline
//! with the cached keyring, refresh that keyring.

use std::sync::Arc;

use chrono::Duration;

use super::documents::DocumentMarks;
use super::keyring::{Keyring, TrustedKey, verify};
use super::payload::{CodeContent, Credential, DraftCode, Payload, decode};
use super::render::Symbol;
use super::store;
use super::view::{DossierSource, QrImage, Scan, Verification};
use crate::api::Conditional;
use crate::api::model::Delivery;
use crate::catalogue::state::CatalogueState;
use crate::checklist::draft;
use crate::context::Context;
use crate::dossier::DossierService;
use crate::error::{CoreError, CoreResult, ErrorKind};

/// Pixels per module of the PNG the core draws.
const PNG_SCALE: u32 = 8;

/// Mã QR hồ sơ: show, verify and scan dossier codes.
#[derive(Clone)]
pub struct QrService {
    ctx: Arc<Context>,
    dossiers: DossierService,
}

impl QrService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self {
            dossiers: DossierService::new(ctx.clone()),
            ctx,
        }
    }

    /// The signed code of a submitted dossier (server id or dossier code),
    /// from this device's cache. Works offline.
    pub fn dossier_code(&self, id: &str) -> CoreResult<QrImage> {
        let dossier = self.dossiers.cached_one(id)?.ok_or_else(|| {
            CoreError::not_found(
                format!("Không có hồ sơ {id} trên máy này."),
                format!("No dossier {id} on this device."),
            )
        })?;
        let payload = dossier.qr.clone().ok_or_else(|| {
            CoreError::not_found(
                format!("Hồ sơ {id} chưa có mã QR."),
                format!("Dossier {id} has no QR code."),
            )
        })?;
        let code = dossier.code.clone().unwrap_or_default();
        image(
            payload,
            true,
            format!("Mã hồ sơ {code} — xuất trình tại quầy hoặc cho nhân viên bưu điện."),
            format!("Dossier {code} — show it at the counter or to the postal staff."),
        )
    }

    /// The unsigned code of draft `id`: pre-fills the clerk's form, proves
    /// nothing, and says so.
    pub fn draft_code(&self, id: &str) -> CoreResult<QrImage> {
        let stored = self.ctx.db.read(|c| draft::get(c, id))?;
        let catalogue = self.ctx.catalogue()?;
        let procedure = catalogue.procedure(&stored.procedure_code)?;
        let appointment = match &stored.plan.booking_id {
            Some(b) => self
                .ctx
                .db
                .read(|c| crate::booking::store::booking(c, b))?
                .map(|b| b.slot_start),
            None => None,
        };
        let code = DraftCode {
            office_id: stored.plan.office_id.clone(),
            content: CodeContent {
                procedure: procedure.code.clone(),
                documents: {
                    let applicable: Vec<String> = crate::checklist::build::build_checklist(
                        procedure,
                        &stored.profile,
                        &stored.ticked,
                    )
                    .items
                    .into_iter()
                    .map(|i| i.id)
                    .collect();
                    DocumentMarks::for_checklist(procedure, &stored.ticked, &applicable)
                },
                appointment,
                home_delivery: matches!(stored.plan.delivery, Delivery::Home { .. }),
                issued_at: self.ctx.now(),
            },
        };
        let payload = code.to_text().map_err(qr_invalid)?;
        image(
            payload,
            false,
            "MÃ NHÁP — CHƯA XÁC THỰC: chỉ để điền sẵn, chưa phải hồ sơ đã nộp.".to_owned(),
            "DRAFT — NOT VERIFIED: pre-fills only; not a submitted dossier.".to_owned(),
        )
    }

    /// Verifies `payload` offline with the cached keyring. Never fails:
    /// every problem is a typed result.
    pub fn verify(&self, payload: &str) -> Verification {
        // An unreadable cache trusts no key: every code is `unknown_key`.
        let cached = self
            .ctx
            .db
            .read(store::load)
            .inspect_err(|e| tracing::error!(error = %e, "keyring cache unreadable"))
            .ok()
            .flatten();
        let now = self.ctx.now();
        let age = cached
            .as_ref()
            .map(|c| u64::try_from((now - c.fetched_at).num_seconds()).unwrap_or(0));
        let ring = cached.map(|cached| cached.ring).unwrap_or_default();
        let payload = payload.trim();
        let checked = match verify(payload, &ring.keys, &ring.revocations, now) {
            Ok(credential) => self.describe_valid(&credential),
            Err(super::QrError::BadSignature) => match decode(payload) {
                Ok(Payload::Draft(d)) => self.describe_draft(&d),
                _ => Verification::failed(super::QrError::BadSignature),
            },
            Err(e) => Verification::failed(e),
        };
        checked.with_keyring_age(age, self.max_keyring_age_secs())
    }

    /// How old the cached keys may be before a check is marked stale.
    pub fn max_keyring_age_secs(&self) -> u64 {
        self.ctx
            .keyring_max_age_secs
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Sets how old the cached keys may be before a check is marked stale
    /// (default 24 hours).
    pub fn set_max_keyring_age_secs(&self, secs: u64) {
        self.ctx
            .keyring_max_age_secs
            .store(secs, std::sync::atomic::Ordering::Relaxed);
    }

    /// Verifies offline, then gets the dossier of a valid code: from the
    /// server when reachable and signed in, else from this device's cache.
    pub async fn scan(&self, payload: String) -> Scan {
        let verification = self.verify(&payload);
        let Some(code) = verification
            .dossier_code
            .clone()
            .filter(|_| verification.valid)
        else {
            return Scan {
                verification,
                dossier: None,
                source: DossierSource::CodeOnly,
            };
        };
        match self.dossiers.get(code.clone()).await {
            Ok(d) => Scan {
                verification,
                dossier: Some(d),
                source: DossierSource::Server,
            },
            Err(e) => {
                if !matches!(e.kind(), ErrorKind::Offline | ErrorKind::Unauthorised) {
                    tracing::warn!(error = %e, "dossier fetch after a scan");
                }
                let cached = self.dossiers.cached_one(&code).ok().flatten();
                Scan {
                    source: if cached.is_some() {
                        DossierSource::Cache
                    } else {
                        DossierSource::CodeOnly
                    },
                    verification,
                    dossier: cached,
                }
            }
        }
    }

    /// Fetches the keyring and revocation list (conditional GET); the cache
    /// is kept when offline. Returns the trusted keys.
    pub async fn refresh_keys(&self) -> CoreResult<Vec<TrustedKey>> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let cached = ctx.db.read(store::load)?;
                let etag = cached.as_ref().and_then(|c| c.etag.clone());
                let now = ctx.now();
                match ctx
                    .api
                    .get_text_conditional("/v1/keys", etag.as_deref())
                    .await?
                {
                    Conditional::NotModified => {
                        ctx.db.write(|tx| store::touch(tx, now))?;
                        Ok(cached.map(|c| c.ring.keys).unwrap_or_default())
                    }
                    Conditional::Modified { body, etag } => {
                        let ring: Keyring = serde_json::from_str(&body)?;
                        ctx.db
                            .write(|tx| store::save(tx, &ring, etag.as_deref(), now))?;
                        Ok(ring.keys)
                    }
                }
            })
            .await
    }

    /// The trusted keys as cached on this device.
    pub fn keys(&self) -> CoreResult<Vec<TrustedKey>> {
        Ok(self
            .ctx
            .db
            .read(store::load)?
            .map(|c| c.ring.keys)
            .unwrap_or_default())
    }

    /// True when the cached keyring is missing or older than `max_age_hours`.
    pub fn keys_stale(&self, max_age_hours: u32) -> CoreResult<bool> {
        Ok(match self.ctx.db.read(store::load)? {
            Some(c) => self.ctx.now() - c.fetched_at > Duration::hours(i64::from(max_age_hours)),
            None => true,
        })
    }

    fn describe_valid(&self, c: &Credential) -> Verification {
        let mut v = self.describe_content(&c.content);
        let unit = c.dossier_code.unit.to_string();
        if let Some(office) = self.office_by_unit(&unit) {
            v.office_id = Some(office.id);
            v.office_name = Some(office.name);
        }
        Verification {
            valid: true,
            message_vi: format!("Mã hợp lệ: hồ sơ {}.", c.dossier_code),
            message_en: format!("Valid code: dossier {}.", c.dossier_code),
            dossier_code: Some(c.dossier_code.to_string()),
            key_id: Some(c.key_id.clone()),
            expires_at: Some(c.expires_at),
            ..v
        }
    }

    fn describe_draft(&self, d: &DraftCode) -> Verification {
        let mut v = self.describe_content(&d.content);
        if let Some(id) = &d.office_id {
            v.office_name = self.office_name(id);
            v.office_id = Some(id.clone());
        }
        Verification {
            error: Some(super::QrError::BadSignature),
            unverified_draft: true,
            message_vi:
                "Mã nháp chưa xác thực: chỉ dùng để điền sẵn, không chứng minh hồ sơ đã nộp."
                    .to_owned(),
            message_en: "Unverified draft code: use it to pre-fill only; it proves nothing."
                .to_owned(),
            ..v
        }
    }

    fn describe_content(&self, c: &CodeContent) -> Verification {
        let catalogue: Option<Arc<CatalogueState>> = self.ctx.catalogue().ok();
        let procedure = catalogue
            .as_ref()
            .and_then(|cat| cat.procedure(&c.procedure).ok());
        Verification {
            valid: false,
            error: None,
            procedure: Some(c.procedure.clone()),
            procedure_name_vi: procedure.map(|p| p.short_vi.clone()),
            procedure_name_en: procedure.map(|p| p.display_name(true).to_owned()),
            appointment: c.appointment,
            home_delivery: c.home_delivery,
            documents_held: procedure
                .and_then(|p| c.documents.held_ids(p))
                .unwrap_or_default(),
            documents_held_count: crate::count::of(c.documents.held_count()),
            documents_total: crate::count::of(c.documents.applicable_count()),
            issued_at: Some(c.issued_at),
            ..Verification::failed(super::QrError::Malformed)
        }
    }

    fn office_by_unit(&self, unit: &str) -> Option<crate::api::model::Office> {
        let offices = self.ctx.db.read(crate::office::store::all).ok()?;
        offices.into_iter().find(|o| o.unit_code == unit)
    }

    fn office_name(&self, id: &str) -> Option<String> {
        let offices = self.ctx.db.read(crate::office::store::all).ok()?;
        offices.into_iter().find(|o| o.id == id).map(|o| o.name)
    }
}

fn image(
    payload: String,
    signed: bool,
    caption_vi: String,
    caption_en: String,
) -> CoreResult<QrImage> {
    let symbol = Symbol::new(&payload)?;
    Ok(QrImage {
        version: i32::from(symbol.version()),
        svg: symbol.svg(256),
        png: symbol.png(PNG_SCALE)?,
        payload,
        signed,
        caption_vi,
        caption_en,
    })
}

fn qr_invalid(e: super::QrError) -> CoreError {
    CoreError::invalid(
        "payload",
        format!("Không tạo được mã: {}", e.message_vi()),
        format!("Cannot make the code: {}", e.message_en()),
    )
}
