//! Field staff calls: fetch the day's worklist, work through it offline
//! (pickups with an offline QR check and the checklist, deliveries with
//! proof, failed attempts), each action recorded locally first, and sync.

use std::sync::Arc;

use super::log;
use super::model::{ActionBody, FieldAction, OnTheSpot, Visit, VisitKind, VisitState};
use super::route::{Stop, plan_route};
use super::store;
use super::sync;
use super::view::{
    ActionReceipt, DeliverInput, FailInput, LocalState, PickupInput, SyncReport, VisitView,
    WorklistView,
};
use super::wedge::{self, WedgedEntry};
use crate::account::session::require_token;
use crate::context::Context;
use crate::error::{CoreError, CoreResult};
use crate::qr::QrService;
use crate::time::to_vn;
use crate::tracking::s10::S10;

/// Thu gom và phát tận nhà: the field staff member's day.
#[derive(Clone)]
pub struct FieldService {
    ctx: Arc<Context>,
}

fn bad(field: &str, vi: impl Into<String>, en: impl Into<String>) -> CoreError {
    CoreError::invalid(field, vi, en)
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A fee collected at the door needs its receipt number.
fn check_receipt(visit: &Visit, receipt: Option<&str>) -> CoreResult<()> {
    if visit.fee_vnd > 0 && receipt.is_none_or(|r| r.trim().is_empty()) {
        return Err(bad(
            "fee_receipt",
            format!("Cần số biên lai cho khoản phí {} đồng.", visit.fee_vnd),
            format!(
                "A receipt number is needed for the {} VND fee.",
                visit.fee_vnd
            ),
        ));
    }
    Ok(())
}

fn check_position(lat: Option<f64>, lon: Option<f64>) -> CoreResult<()> {
    match (lat, lon) {
        (None, None) => Ok(()),
        (Some(a), Some(o)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&o) => {
            Ok(())
        }
        _ => Err(bad("latitude", "Toạ độ không hợp lệ.", "Invalid position.")),
    }
}

impl FieldService {
    /// Copies the action log (unsent actions included) out of a damaged
    /// database file this device moved aside, into this device's fresh
    /// database, keeping the device id, keys and chain.
    pub fn recover(&self, damaged_file: &str) -> CoreResult<super::salvage::Salvaged> {
        let path = std::path::Path::new(damaged_file);
        let salvaged = super::salvage::salvage(path, &self.ctx.db, self.ctx.files()?)?;
        self.ctx.files()?.recovered(path);
        Ok(salvaged)
    }

    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// Fetches the signed-in staff member's worklist (and the QR keyring,
    /// for offline checks at the door) and stores both for the day.
    pub async fn refresh_worklist(&self) -> CoreResult<WorklistView> {
        let ctx = self.ctx.clone();
        let list = self
            .ctx
            .spawn(async move {
                let token = require_token(&ctx)?;
                let list: super::model::Worklist =
                    ctx.api.get("/v1/staff/worklist", Some(&token)).await?;
                ctx.db.write(|tx| store::replace(tx, &list, ctx.now()))?;
                ctx.events.emit(crate::events::CoreEvent::WorklistChanged);
                Ok(list)
            })
            .await?;
        if let Err(e) = QrService::new(self.ctx.clone()).refresh_keys().await {
            tracing::warn!(error = %e, "keyring not refreshed with the worklist");
        }
        self.build_view(list)
    }

    /// The stored worklist in route order, with what this device did.
    /// Works offline; empty before the first fetch.
    pub fn worklist(&self) -> CoreResult<WorklistView> {
        match self.ctx.db.read(store::load)? {
            Some(list) => self.build_view(list),
            None => Ok(WorklistView {
                staff: String::new(),
                office_id: String::new(),
                visits: Vec::new(),
                route_km: 0.0,
                unordered_km: 0.0,
                // Before anyone signed in there is no log to count.
                pending: self.pending().unwrap_or(0),
                wedged: self.wedged().unwrap_or_default(),
            }),
        }
    }

    /// The account whose log this device's field calls read and write.
    fn account(&self) -> CoreResult<String> {
        self.ctx.db.read(crate::account::owner::require)
    }

    fn build_view(&self, list: super::model::Worklist) -> CoreResult<WorklistView> {
        let account = self.account()?;
        let (latest, pending) = self.ctx.db.read(|c| {
            Ok((
                log::latest_by_visit(c, &account)?,
                log::pending_count(c, &account)?,
            ))
        })?;
        let stops: Vec<Stop> = list
            .visits
            .iter()
            .map(|v| Stop {
                id: v.id.clone(),
                latitude: v.latitude,
                longitude: v.longitude,
            })
            .collect();
        let plan = plan_route((list.start_latitude, list.start_longitude), &stops)?;
        let mut visits = Vec::with_capacity(list.visits.len());
        for (i, id) in plan.order.iter().enumerate() {
            let Some(v) = list.visits.iter().find(|v| &v.id == id) else {
                continue;
            };
            let local = latest.get(&v.id);
            let local_state = match local {
                None => match v.state {
                    VisitState::Failed => LocalState::Failed,
                    _ => LocalState::Todo,
                },
                Some((kind, outcome)) => match (kind.as_str(), outcome.as_deref()) {
                    (_, Some("rejected")) => LocalState::Rejected,
                    ("fail", _) => LocalState::Failed,
                    (_, None) => LocalState::DoneUnsent,
                    _ => LocalState::Done,
                },
            };
            let unsent_failures = self
                .ctx
                .db
                .read(|c| log::unsent_failures(c, &account, &v.id))?;
            visits.push(VisitView {
                id: v.id.clone(),
                stop: crate::count::of(i + 1),
                kind: v.kind,
                beneficiary: v.beneficiary,
                beneficiary_vi: v.beneficiary.name_vi().to_owned(),
                dossier_code: v.dossier_code.clone(),
                s10: v.s10.clone(),
                contact_name: v.contact_name.clone(),
                contact_phone: v.contact_phone.clone(),
                address: v.address.clone(),
                latitude: v.latitude,
                longitude: v.longitude,
                window_local: format!(
                    "{}–{} {}",
                    to_vn(v.window_start).format("%H:%M"),
                    to_vn(v.window_end).format("%H:%M"),
                    to_vn(v.window_start).format("%d/%m")
                ),
                window_start: v.window_start,
                window_end: v.window_end,
                items: v.items.clone(),
                fee_vnd: v.fee_vnd,
                failed_attempts: v.failed_attempts + unsent_failures,
                local_state,
            });
        }
        Ok(WorklistView {
            staff: list.staff,
            office_id: list.office_id,
            visits,
            // `+ 0.0` turns an empty route's -0.0 into 0.0 ("-0.0 km").
            route_km: plan.length_km + 0.0,
            unordered_km: plan.unordered_km + 0.0,
            pending,
            wedged: self.wedged()?,
        })
    }

    fn open_visit(&self, id: &str) -> CoreResult<Visit> {
        let visit = self.ctx.db.read(|c| store::visit(c, id))?.ok_or_else(|| {
            CoreError::not_found(
                format!("Không có lượt thăm {id} trong danh sách hôm nay."),
                format!("Visit {id} is not on today's list."),
            )
        })?;
        let account = self.account()?;
        let done = self.ctx.db.read(|c| log::completions(c, &account, id))?;
        if done > 0 {
            return Err(CoreError::conflict(
                crate::Reason::VisitDone,
                "Lượt thăm này đã hoàn thành trên máy.",
                "This visit is already done on this device.",
            ));
        }
        Ok(visit)
    }

    /// The receipt of an entry just recorded; the worklist's listeners
    /// hear of it.
    fn recorded(&self, entry: super::model::ActionEntry, pending: i32) -> ActionReceipt {
        self.ctx
            .events
            .emit(crate::events::CoreEvent::WorklistChanged);
        ActionReceipt {
            seq: crate::count::long(entry.seq),
            key: entry.key,
            hash: entry.hash,
            missing: Vec::new(),
            qr_verified: false,
            pending,
        }
    }

    fn record(
        &self,
        action: FieldAction,
        lat: Option<f64>,
        lon: Option<f64>,
    ) -> CoreResult<ActionReceipt> {
        self.record_with_files(action, lat, lon, Vec::new())
    }

    /// Records `action` with its proof files (copied into the store
    /// before: placed, listed for upload and logged in one transaction).
    fn record_with_files(
        &self,
        action: FieldAction,
        lat: Option<f64>,
        lon: Option<f64>,
        mut files: Vec<crate::files::store::Proof>,
    ) -> CoreResult<ActionReceipt> {
        check_position(lat, lon)?;
        let store = self.ctx.files()?;
        let body = ActionBody {
            at: self.ctx.now(),
            latitude: lat,
            longitude: lon,
            action,
        };
        let (entry, pending) = self.ctx.db.write(|tx| {
            let account = crate::account::owner::require(tx)?;
            let entry = log::append(tx, &account, &body, self.ctx.now())?;
            for f in &mut files {
                f.place(store)?;
                crate::files::pages::hold_for_action(tx, &entry.key, f.file())?;
            }
            Ok((entry, log::pending_count(tx, &account)?))
        })?;
        Ok(self.recorded(entry, pending))
    }

    /// The proof files of an action: those at `paths` (copied into the
    /// store) and those named by `hashes` (stored on this phone before).
    fn proofs(
        &self,
        hashes: &[&str],
        paths: &[String],
    ) -> CoreResult<Vec<crate::files::store::Proof>> {
        let store = self.ctx.files()?;
        let limits = self.ctx.file_limits;
        let mut out = Vec::new();
        for h in hashes {
            out.push(crate::files::store::Proof::Stored(store.describe(h)?));
        }
        for p in paths {
            out.push(crate::files::store::Proof::Staged(
                store.stage(std::path::Path::new(p), &limits)?,
            ));
        }
        Ok(out)
    }

    /// Records a pickup: checks the citizen's QR offline (when given),
    /// runs the checklist against the documents collected, records the
    /// sealed bag and the fee receipt; or, with no dossier, the dossier
    /// made at the door. Offline.
    pub fn pickup(&self, input: PickupInput) -> CoreResult<ActionReceipt> {
        let visit = self.open_visit(&input.visit_id)?;
        if visit.kind != VisitKind::Pickup {
            return Err(bad(
                "visit_id",
                "Đây là lượt phát, không phải thu gom.",
                "This is a delivery, not a pickup.",
            ));
        }
        if input.sealed_bag.trim().is_empty() || input.sealed_bag.len() > 40 {
            return Err(bad(
                "sealed_bag",
                "Cần số túi niêm phong.",
                "The sealed bag number is needed.",
            ));
        }
        check_receipt(&visit, input.fee_receipt.as_deref())?;
        let (dossier_code, qr_verified) = match &input.qr {
            Some(payload) => {
                let v = QrService::new(self.ctx.clone()).verify(payload);
                if !v.valid {
                    return Err(CoreError::conflict(
                        crate::Reason::QrInvalid,
                        format!("Mã QR không hợp lệ: {}", v.message_vi),
                        format!("The QR code is not valid: {}", v.message_en),
                    ));
                }
                if visit.dossier_code.is_some() && v.dossier_code != visit.dossier_code {
                    return Err(CoreError::conflict(
                        crate::Reason::WrongDossier,
                        "Mã QR là của hồ sơ khác với lượt thăm này.",
                        "The QR code belongs to another dossier than this visit's.",
                    ));
                }
                (v.dossier_code, true)
            }
            None => (None, false),
        };
        let new_dossier = match (&input.new_procedure_code, &input.new_citizen_phone) {
            (Some(code), Some(phone)) => {
                if visit.dossier_id.is_some() {
                    return Err(CoreError::conflict(
                        crate::Reason::DossierExists,
                        "Lượt thăm đã có hồ sơ; không tạo hồ sơ mới.",
                        "The visit already has a dossier; none is created.",
                    ));
                }
                Some(OnTheSpot {
                    procedure_code: code.trim().to_owned(),
                    citizen_phone: crate::phone::normalize_phone(phone)?,
                    documents: input.documents.clone(),
                    delivery: input.new_delivery.clone().unwrap_or_default(),
                })
            }
            (None, None) if visit.dossier_id.is_none() => {
                return Err(bad(
                    "new_procedure_code",
                    "Chưa có hồ sơ: chọn thủ tục và số điện thoại để tạo hồ sơ tại nhà.",
                    "No dossier yet: choose the procedure and phone to create it at the door.",
                ));
            }
            (None, None) => None,
            _ => {
                return Err(bad(
                    "new_citizen_phone",
                    "Tạo hồ sơ tại nhà cần cả thủ tục và số điện thoại.",
                    "Creating a dossier at the door needs both the procedure and the phone.",
                ));
            }
        };
        let procedure_code = new_dossier
            .as_ref()
            .map(|n| n.procedure_code.clone())
            .or_else(|| visit.procedure_code.clone());
        let missing = self.missing_documents(
            procedure_code.as_deref(),
            visit.beneficiary,
            &input.documents,
        )?;
        let proofs = self.proofs(&[], &input.photo_files)?;
        let action = FieldAction::Pickup {
            visit_id: visit.id.clone(),
            dossier_code,
            qr_verified,
            documents: input.documents.clone(),
            missing: missing.clone(),
            sealed_bag: input.sealed_bag.trim().to_owned(),
            fee_receipt: input.fee_receipt.clone(),
            fee_vnd: crate::count::unsigned(visit.fee_vnd),
            new_dossier,
            photos: proofs.iter().map(|p| p.file().sha256.clone()).collect(),
        };
        let mut receipt =
            self.record_with_files(action, input.latitude, input.longitude, proofs)?;
        receipt.missing = missing;
        receipt.qr_verified = qr_verified;
        Ok(receipt)
    }

    /// The checklist's missing documents for a home pickup from a
    /// `beneficiary` household, given what was collected (the checklist's
    /// default answers: the full list is checked at the agency).
    fn missing_documents(
        &self,
        procedure: Option<&str>,
        beneficiary: crate::catalogue::profile::Beneficiary,
        have: &[String],
    ) -> CoreResult<Vec<String>> {
        let Some(code) = procedure else {
            return Ok(Vec::new());
        };
        let catalogue = self.ctx.catalogue()?;
        let Some(p) = catalogue.data.procedures.iter().find(|p| p.code == code) else {
            return Err(bad(
                "procedure_code",
                format!("Không có thủ tục {code}."),
                format!("No procedure {code}."),
            ));
        };
        if let Some(d) = have
            .iter()
            .find(|d| !p.documents.iter().any(|doc| &doc.id == *d))
        {
            return Err(bad(
                "documents",
                format!("Thủ tục {code} không có giấy tờ «{d}»."),
                format!("Procedure {code} has no document “{d}”."),
            ));
        }
        let profile = crate::catalogue::profile::ApplicantProfile {
            channel: crate::catalogue::profile::Channel::Home,
            beneficiary,
            ..Default::default()
        };
        Ok(crate::checklist::build_checklist(p, &profile, have).missing)
    }

    /// Records a delivery with its proof. The item number must be valid
    /// and the visit's; identity must have been checked (else record a
    /// failed attempt). Offline.
    pub fn deliver(&self, input: DeliverInput) -> CoreResult<ActionReceipt> {
        let visit = self.open_visit(&input.visit_id)?;
        if visit.kind != VisitKind::Delivery {
            return Err(bad(
                "visit_id",
                "Đây là lượt thu gom, không phải phát.",
                "This is a pickup, not a delivery.",
            ));
        }
        let item: S10 = input.s10.parse()?;
        if visit.s10.as_deref() != Some(item.as_str()) {
            return Err(CoreError::conflict(
                crate::Reason::WrongItem,
                format!(
                    "Bưu gửi {} không phải của lượt phát này ({}).",
                    item.as_str(),
                    visit.s10.as_deref().unwrap_or("-")
                ),
                format!(
                    "Item {} is not this visit's ({}).",
                    item.as_str(),
                    visit.s10.as_deref().unwrap_or("-")
                ),
            ));
        }
        if input.recipient_name.trim().is_empty() {
            return Err(bad(
                "recipient_name",
                "Cần họ tên người nhận.",
                "The recipient's name is needed.",
            ));
        }
        if !input.identity_checked {
            return Err(bad(
                "identity_checked",
                "Phải kiểm tra giấy tờ tùy thân người nhận; nếu không được, ghi nhận phát không thành công.",
                "The recipient's identity must be checked; if it cannot be, record a failed attempt.",
            ));
        }
        if (!input.signature_sha256.is_empty() && !is_sha256_hex(&input.signature_sha256))
            || input
                .photo_sha256
                .as_deref()
                .is_some_and(|p| !is_sha256_hex(p))
        {
            return Err(bad(
                "signature_sha256",
                "Mã băm chữ ký/ảnh phải là SHA-256 dạng hex (64 ký tự).",
                "Signature/photo hashes must be SHA-256 in hex (64 characters).",
            ));
        }
        check_receipt(&visit, input.fee_receipt.as_deref())?;
        // The signature first, then the photos: each a real file that goes
        // to the server with the action.
        let (sig_hash, sig_path): (Vec<&str>, Vec<String>) = match &input.signature_file {
            Some(path) => (Vec::new(), vec![path.clone()]),
            None if !input.signature_sha256.is_empty() => {
                (vec![input.signature_sha256.as_str()], Vec::new())
            }
            None => {
                return Err(bad(
                    "signature_file",
                    "Cần ảnh chữ ký của người nhận.",
                    "The recipient's signature image is needed.",
                ));
            }
        };
        let mut proofs = self.proofs(&sig_hash, &sig_path)?;
        let signature_sha256 = proofs[0].file().sha256.clone();
        if !input.signature_sha256.is_empty() && input.signature_sha256 != signature_sha256 {
            return Err(bad(
                "signature_sha256",
                "Mã băm chữ ký không khớp tệp chữ ký.",
                "The signature hash does not match the signature file.",
            ));
        }
        let old_photo: Vec<&str> = input.photo_sha256.as_deref().into_iter().collect();
        proofs.extend(self.proofs(&old_photo, &input.photo_files)?);
        let photos: Vec<String> = proofs[1 + old_photo.len()..]
            .iter()
            .map(|p| p.file().sha256.clone())
            .collect();
        let action = FieldAction::Deliver {
            visit_id: visit.id,
            s10: item.as_str().to_owned(),
            recipient_name: input.recipient_name.trim().to_owned(),
            // "self" (the visit screen's first choice): the addressee themself.
            relation: input
                .relation
                .filter(|r| !r.trim().is_empty() && r.trim() != "self"),
            identity_checked: true,
            signature_sha256,
            photo_sha256: input.photo_sha256,
            fee_receipt: input.fee_receipt,
            photos,
        };
        self.record_with_files(action, input.latitude, input.longitude, proofs)
    }

    /// Records a failed attempt. Offline.
    pub fn fail(&self, input: FailInput) -> CoreResult<ActionReceipt> {
        let visit = self.open_visit(&input.visit_id)?;
        let action = FieldAction::Fail {
            visit_id: visit.id,
            reason: input.reason,
            note: input.note.filter(|n| !n.trim().is_empty()),
        };
        self.record(action, input.latitude, input.longitude)
    }

    /// Actions recorded and not yet sent.
    pub fn pending(&self) -> CoreResult<i32> {
        let account = self.account()?;
        self.ctx.db.read(|c| log::pending_count(c, &account))
    }

    /// Actions the server turned down, oldest first, until each is retried
    /// or set aside.
    pub fn wedged(&self) -> CoreResult<Vec<WedgedEntry>> {
        let account = self.account()?;
        self.ctx.db.read(|c| wedge::list(c, &account))
    }

    /// Sends the action of wedged entry `seq` again (after the office fixed
    /// the cause) as a new entry; the old one stays in the log, marked
    /// retried. Offline: the new entry waits in the outbox.
    pub fn retry_wedged(&self, seq: i64) -> CoreResult<ActionReceipt> {
        let (entry, pending) = self.ctx.db.write(|tx| {
            let account = crate::account::owner::require(tx)?;
            Ok((
                wedge::retry(tx, &account, seq, self.ctx.now())?,
                log::pending_count(tx, &account)?,
            ))
        })?;
        Ok(self.recorded(entry, pending))
    }

    /// Sets wedged entry `seq` aside with the staff member's reason (kept
    /// in the log for the audit); it is no longer listed.
    pub fn set_aside(&self, seq: i64, reason: &str) -> CoreResult<()> {
        self.ctx.db.write(|tx| {
            let account = crate::account::owner::require(tx)?;
            wedge::set_aside(tx, &account, seq, reason, self.ctx.now())
        })
    }

    /// Checks this device's own log chain (nothing altered or missing).
    pub fn verify_log(&self) -> CoreResult<Option<super::chain::ChainBreak>> {
        let account = self.account()?;
        self.ctx.db.read(|c| log::verify_local(c, &account))
    }

    /// Sends the outbox in batches (default size), retrying with backoff.
    pub async fn sync(&self) -> CoreResult<SyncReport> {
        self.sync_with(sync::DEFAULT_BATCH as u32).await
    }

    /// Like [`Self::sync`] with `batch` entries per request.
    pub async fn sync_with(&self, batch: u32) -> CoreResult<SyncReport> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move { sync::run(&ctx, batch as usize, sync::default_policy()).await })
            .await
    }
}
