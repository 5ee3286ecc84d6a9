//! Checklists and draft dossiers, for the checklist screen.

use dvc_core::CoreError;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::checklist::{Checklist, ChecklistService, Draft, DraftSummary};
use dvc_core::files::Page;

/// Chuẩn bị giấy tờ: what to bring, ticked off, kept across restarts.
#[derive(uniffi::Object)]
pub struct Checklists {
    inner: ChecklistService,
}

impl Checklists {
    pub(crate) fn new(inner: ChecklistService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Checklists {
    /// The checklist of a procedure for a profile, saving nothing.
    pub fn preview(
        &self,
        procedure_code: String,
        profile: ApplicantProfile,
        have: Vec<String>,
    ) -> Result<Checklist, CoreError> {
        self.inner.preview(&procedure_code, &profile, &have)
    }

    /// Starts a draft dossier.
    pub fn create_draft(
        &self,
        procedure_code: String,
        profile: ApplicantProfile,
    ) -> Result<Draft, CoreError> {
        self.inner.create_draft(&procedure_code, &profile)
    }

    /// Starts a draft with the documents held and its plan (office,
    /// booking, delivery) in one step; nothing is stored if any is refused.
    pub fn start_draft(
        &self,
        procedure_code: String,
        profile: ApplicantProfile,
        have: Vec<String>,
        plan: DraftPlan,
    ) -> Result<Draft, CoreError> {
        self.inner
            .start_draft(&procedure_code, &profile, &have, plan)
    }

    /// Sets where and how a draft is to be filed.
    pub fn set_plan(&self, draft_id: String, plan: DraftPlan) -> Result<Draft, CoreError> {
        self.inner.set_plan(&draft_id, plan)
    }

    /// A draft with its checklist.
    pub fn draft(&self, draft_id: String) -> Result<Draft, CoreError> {
        self.inner.draft(&draft_id)
    }

    /// All drafts, most recently changed first.
    pub fn drafts(&self) -> Result<Vec<DraftSummary>, CoreError> {
        self.inner.drafts()
    }

    /// Changes a draft's applicant profile (ticks are kept).
    pub fn set_profile(
        &self,
        draft_id: String,
        profile: ApplicantProfile,
    ) -> Result<Draft, CoreError> {
        self.inner.set_profile(&draft_id, &profile)
    }

    /// Ticks or unticks a document.
    pub fn tick(
        &self,
        draft_id: String,
        document_id: String,
        have: bool,
    ) -> Result<Draft, CoreError> {
        self.inner.tick(&draft_id, &document_id, have)
    }

    /// Attaches files (paths of JPEG/PNG photos or scans the app took,
    /// HEIC converted to JPEG first, or PDFs) as the next pages of a
    /// document; gives the document's pages. All or none is attached.
    pub fn attach(
        &self,
        draft_id: String,
        document_id: String,
        paths: Vec<String>,
    ) -> Result<Vec<Page>, CoreError> {
        self.inner.attach(&draft_id, &document_id, &paths)
    }

    /// Removes a page of a document (later pages move up).
    pub fn detach(
        &self,
        draft_id: String,
        document_id: String,
        page: i32,
    ) -> Result<Vec<Page>, CoreError> {
        self.inner.detach(&draft_id, &document_id, page)
    }

    /// Deletes a draft.
    pub fn delete_draft(&self, draft_id: String) -> Result<(), CoreError> {
        self.inner.delete_draft(&draft_id)
    }

    /// Plain text for a counter clerk or to print (`vi` or `en`).
    pub fn summary(&self, draft_id: String, language: String) -> Result<String, CoreError> {
        self.inner.summary(&draft_id, &language)
    }
}
