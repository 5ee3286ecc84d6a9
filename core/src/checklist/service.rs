//! Checklist calls for the screens: a checklist without saving anything,
//! and draft dossiers whose profile and ticks survive restarts.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::build::build_checklist;
use super::draft::{self, DraftPlan, StoredDraft};
use super::model::Checklist;
use super::summary::summary_text;
use crate::catalogue::profile::ApplicantProfile;
use crate::context::Context;
use crate::error::{CoreError, CoreResult};
use crate::files::{Page, pages};
use crate::ids::new_id;

/// A draft dossier and its checklist, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Draft {
    /// Draft id.
    pub id: String,
    /// The applicant profile.
    pub profile: ApplicantProfile,
    /// The checklist for that profile with the ticks.
    pub checklist: Checklist,
    /// Office, booking and delivery chosen for filing.
    pub plan: DraftPlan,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// One line of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DraftSummary {
    /// Draft id.
    pub id: String,
    /// Procedure code.
    pub procedure: String,
    /// Procedure name, Vietnamese.
    pub name_vi: String,
    /// Procedure name, English.
    pub name_en: String,
    /// Percentage of documents ticked.
    pub progress_percent: i32,
    /// All documents ticked.
    pub ready: bool,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// Chuẩn bị giấy tờ: checklists and draft dossiers.
#[derive(Clone)]
pub struct ChecklistService {
    ctx: Arc<Context>,
}

impl ChecklistService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// The checklist of `code` for `profile` with `have` ticked, saving
    /// nothing. Unknown document ids in `have` are refused.
    pub fn preview(
        &self,
        code: &str,
        profile: &ApplicantProfile,
        have: &[String],
    ) -> CoreResult<Checklist> {
        let catalogue = self.ctx.catalogue()?;
        let procedure = catalogue.procedure(code)?;
        for id in have {
            check_document(procedure, id)?;
        }
        check_answers(procedure, profile)?;
        Ok(build_checklist(procedure, profile, have))
    }

    /// Starts a draft dossier for `code`.
    pub fn create_draft(&self, code: &str, profile: &ApplicantProfile) -> CoreResult<Draft> {
        let catalogue = self.ctx.catalogue()?;
        let procedure = catalogue.procedure(code)?;
        check_answers(procedure, profile)?;
        let procedure_code = procedure.code.clone();
        let id = new_id()?;
        self.ctx
            .db
            .write(|tx| draft::insert(tx, &id, &procedure_code, profile, self.ctx.now()))?;
        self.draft(&id)
    }

    /// Draft `id` with its checklist.
    pub fn draft(&self, id: &str) -> CoreResult<Draft> {
        let stored = self.ctx.db.read(|c| draft::get(c, id))?;
        self.render(stored)
    }

    /// All drafts, most recently changed first.
    pub fn drafts(&self) -> CoreResult<Vec<DraftSummary>> {
        let catalogue = self.ctx.catalogue()?;
        let stored = self.ctx.db.read(draft::all)?;
        Ok(stored
            .into_iter()
            .filter_map(|d| {
                let p = catalogue.procedure(&d.procedure_code).ok()?;
                let checklist = build_checklist(p, &d.profile, &d.ticked);
                Some(DraftSummary {
                    id: d.id,
                    procedure: p.code.clone(),
                    name_vi: p.short_vi.clone(),
                    name_en: p.display_name(true).to_owned(),
                    progress_percent: checklist.progress_percent,
                    ready: checklist.ready,
                    updated_at: d.updated_at,
                })
            })
            .collect())
    }

    /// Changes the applicant profile of draft `id`; ticks are kept.
    pub fn set_profile(&self, id: &str, profile: &ApplicantProfile) -> CoreResult<Draft> {
        let stored = self.ctx.db.read(|c| draft::get(c, id))?;
        check_answers(
            self.ctx.catalogue()?.procedure(&stored.procedure_code)?,
            profile,
        )?;
        self.ctx
            .db
            .write(|tx| draft::set_profile(tx, id, profile, self.ctx.now()))?;
        self.draft(id)
    }

    /// Ticks (`have`) or unticks a document of draft `id`.
    pub fn tick(&self, id: &str, document_id: &str, have: bool) -> CoreResult<Draft> {
        let stored = self.ctx.db.read(|c| draft::get(c, id))?;
        check_document(
            self.ctx.catalogue()?.procedure(&stored.procedure_code)?,
            document_id,
        )?;
        self.ctx
            .db
            .write(|tx| draft::tick(tx, id, document_id, have, self.ctx.now()))?;
        self.draft(id)
    }

    /// Starts a draft with its ticks and plan in one transaction; nothing
    /// is stored when any of it is refused.
    pub fn start_draft(
        &self,
        code: &str,
        profile: &ApplicantProfile,
        have: &[String],
        plan: DraftPlan,
    ) -> CoreResult<Draft> {
        let catalogue = self.ctx.catalogue()?;
        let procedure = catalogue.procedure(code)?;
        for d in have {
            check_document(procedure, d)?;
        }
        check_answers(procedure, profile)?;
        let plan = self.checked_plan(&procedure.code, plan)?;
        let id = new_id()?;
        self.ctx.db.write(|tx| {
            draft::insert(tx, &id, &procedure.code, profile, self.ctx.now())?;
            for d in have {
                draft::tick(tx, &id, d, true, self.ctx.now())?;
            }
            draft::set_plan(tx, &id, &plan, self.ctx.now())
        })?;
        self.draft(&id)
    }

    /// Sets where and how draft `id` is to be filed. A booking must be one
    /// of the account's (as last fetched) and fixes the office; a home
    /// delivery needs an address.
    pub fn set_plan(&self, id: &str, plan: DraftPlan) -> CoreResult<Draft> {
        let stored = self.ctx.db.read(|c| draft::get(c, id))?;
        let plan = self.checked_plan(&stored.procedure_code, plan)?;
        self.ctx
            .db
            .write(|tx| draft::set_plan(tx, id, &plan, self.ctx.now()))?;
        self.draft(id)
    }

    fn checked_plan(&self, procedure_code: &str, mut plan: DraftPlan) -> CoreResult<DraftPlan> {
        if let Some(booking_id) = &plan.booking_id {
            let booking = self
                .ctx
                .db
                .read(|c| crate::booking::store::booking(c, booking_id))?
                .ok_or_else(|| {
                    CoreError::invalid(
                        "booking_id",
                        format!("Không có lịch hẹn {booking_id} trên máy; hãy tải lại danh sách lịch hẹn."),
                        format!("No booking {booking_id} on this device; refresh your bookings."),
                    )
                })?;
            if booking.procedure_code != procedure_code {
                return Err(CoreError::invalid(
                    "booking_id",
                    format!(
                        "Lịch hẹn {booking_id} dành cho thủ tục khác ({}).",
                        booking.procedure_code
                    ),
                    format!(
                        "Booking {booking_id} is for another procedure ({}).",
                        booking.procedure_code
                    ),
                ));
            }
            plan.office_id = Some(booking.office_id);
        }
        // An office unknown to the cached list is refused now, not at filing
        // (with no list cached yet, the server checks it then).
        if let Some(office) = &plan.office_id {
            let known = self.ctx.db.read(crate::office::store::all)?;
            if !known.is_empty() && !known.iter().any(|o| &o.id == office) {
                return Err(CoreError::invalid(
                    "office_id",
                    format!("Không có bưu cục {office}. Xem danh sách: dvc offices."),
                    format!("No office {office}. See the list: dvc offices."),
                ));
            }
        }
        if let crate::api::model::Delivery::Home { address } = &mut plan.delivery {
            *address = address.trim().to_owned();
            if address.is_empty() {
                return Err(CoreError::invalid(
                    "delivery",
                    "Cần địa chỉ nhận kết quả.",
                    "A delivery address is needed.",
                ));
            }
        }
        Ok(plan)
    }

    /// Deletes draft `id` with its pages.
    pub fn delete_draft(&self, id: &str) -> CoreResult<()> {
        self.ctx.db.write(|tx| draft::delete(tx, id))?;
        crate::files::sweep(&self.ctx);
        Ok(())
    }

    /// Attaches the files at `paths` (photos or scans the app took, or
    /// PDFs), in order, as the next pages of document `document_id` of
    /// draft `id`; gives the document's pages. Each file is checked
    /// (JPEG, PNG or PDF by its first bytes; the size limits) and copied
    /// into the core's store before anything is recorded, all in one
    /// transaction: if one is refused, none is attached. A file that is a
    /// page of the document already is not added twice.
    pub fn attach(&self, id: &str, document_id: &str, paths: &[String]) -> CoreResult<Vec<Page>> {
        let stored = self.ctx.db.read(|c| draft::get(c, id))?;
        check_document(
            self.ctx.catalogue()?.procedure(&stored.procedure_code)?,
            document_id,
        )?;
        let store = self.ctx.files()?;
        let limits = self.ctx.file_limits;
        let mut staged = paths
            .iter()
            .map(|p| store.stage(std::path::Path::new(p), &limits))
            .collect::<CoreResult<Vec<_>>>()?;
        self.ctx.db.write(|tx| {
            let mut pages = pages::of_draft(tx, id)?;
            for s in &mut staged {
                if pages
                    .iter()
                    .any(|p| p.document_id == document_id && p.sha256 == s.file.sha256)
                {
                    continue;
                }
                let count = pages
                    .iter()
                    .filter(|p| p.document_id == document_id)
                    .count();
                limits.check_pages(document_id, u32::try_from(count).unwrap_or(u32::MAX))?;
                let total: u64 = pages
                    .iter()
                    .map(|p| u64::try_from(p.bytes).unwrap_or(0))
                    .sum();
                limits.check_dossier(total + s.file.bytes)?;
                s.place(store)?;
                let page = pages::append(tx, id, document_id, &s.file, self.ctx.now())?;
                pages.push(Page {
                    document_id: document_id.to_owned(),
                    page,
                    sha256: s.file.sha256.clone(),
                    bytes: i64::try_from(s.file.bytes).unwrap_or(i64::MAX),
                    file_type: s.file.file_type,
                });
            }
            // A document with a page is one the person has.
            draft::tick(tx, id, document_id, true, self.ctx.now())?;
            Ok(pages
                .into_iter()
                .filter(|p| p.document_id == document_id)
                .collect())
        })
    }

    /// Removes page `page` of document `document_id` of draft `id` (later
    /// pages move up); gives the document's pages.
    pub fn detach(&self, id: &str, document_id: &str, page: i32) -> CoreResult<Vec<Page>> {
        let pages = self.ctx.db.write(|tx| {
            if !pages::remove(tx, id, document_id, page)? {
                return Err(CoreError::not_found(
                    format!("Giấy tờ «{document_id}» của hồ sơ nháp không có trang {page}."),
                    format!("The draft's document “{document_id}” has no page {page}."),
                ));
            }
            draft::touch(tx, id, self.ctx.now())?;
            pages::of_draft(tx, id)
        })?;
        crate::files::sweep(&self.ctx);
        Ok(pages
            .into_iter()
            .filter(|p| p.document_id == document_id)
            .collect())
    }

    /// A plain-text summary of draft `id` for a counter clerk or to print,
    /// in `language` (`vi` or `en`).
    pub fn summary(&self, id: &str, language: &str) -> CoreResult<String> {
        let draft = self.draft(id)?;
        Ok(summary_text(&draft.checklist, &draft.profile, language))
    }

    fn render(&self, d: StoredDraft) -> CoreResult<Draft> {
        let catalogue = self.ctx.catalogue()?;
        let procedure = catalogue.procedure(&d.procedure_code)?;
        let pages = self.ctx.db.read(|c| pages::of_draft(c, &d.id))?;
        Ok(Draft {
            checklist: super::build::build_with_pages(procedure, &d.profile, &d.ticked, &pages),
            plan: d.plan,
            id: d.id,
            profile: d.profile,
            created_at: d.created_at,
            updated_at: d.updated_at,
        })
    }
}

/// Refuses answers to questions the procedure does not ask.
fn check_answers(
    procedure: &crate::catalogue::model::Procedure,
    profile: &ApplicantProfile,
) -> CoreResult<()> {
    for a in &profile.answers {
        if !procedure.questions.iter().any(|q| q.id == a.question) {
            let ids: Vec<&str> = procedure.questions.iter().map(|q| q.id.as_str()).collect();
            return Err(CoreError::invalid(
                "answer",
                format!(
                    "Thủ tục {} không có câu hỏi «{}». Các câu hỏi: {}.",
                    procedure.code,
                    a.question,
                    if ids.is_empty() {
                        "(không có)".to_owned()
                    } else {
                        ids.join(", ")
                    }
                ),
                format!(
                    "Procedure {} has no question “{}”. Its questions: {}.",
                    procedure.code,
                    a.question,
                    if ids.is_empty() {
                        "(none)".to_owned()
                    } else {
                        ids.join(", ")
                    }
                ),
            ));
        }
    }
    Ok(())
}

fn check_document(procedure: &crate::catalogue::model::Procedure, id: &str) -> CoreResult<()> {
    if procedure.documents.iter().any(|d| d.id == id) {
        return Ok(());
    }
    let known: Vec<&str> = procedure.documents.iter().map(|d| d.id.as_str()).collect();
    Err(CoreError::invalid(
        "document_id",
        format!(
            "Thủ tục {} không có giấy tờ «{id}». Có: {}.",
            procedure.code,
            known.join(", ")
        ),
        format!(
            "Procedure {} has no document “{id}”. Known: {}.",
            procedure.code,
            known.join(", ")
        ),
    ))
}
