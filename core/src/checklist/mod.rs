//! Danh sách giấy tờ: the document pre-checklist of a procedure for an
//! applicant, and draft dossiers that keep the profile and the ticks.

pub(crate) mod build;
pub mod draft;
pub mod model;
mod service;
mod summary;

pub use build::{build_checklist, build_with_pages};
pub use model::{CaseOptionState, CaseState, Checklist, ChecklistItem, QuestionState, Warning};
pub use service::{ChecklistService, Draft, DraftSummary};
pub use summary::summary_text;
