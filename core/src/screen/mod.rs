//! Màn hình: what the apps' screens show, ready to draw. Each screen is one
//! record with every text in the language asked for, dates, times, money
//! and distances written out, choices and notices decided here, and the
//! ids the screen passes back with the person's actions. The Kotlin
//! presenters and Swift models map these records to widgets and actions to
//! the capability objects' calls; they hold no rules and no texts of their
//! own (docs/ARCHITECTURE.md, *Apps*).

mod actions;
mod appointments;
mod counter;
mod filing;
pub mod format;
mod home;
mod language;
mod link;
mod offices;
mod parts;
mod procedure;
mod settings;
mod sign_in;
mod sync;
mod track;
mod visit;
mod worklist;

use std::sync::Arc;

pub use actions::StartScreen;
pub use appointments::{AppointmentRow, AppointmentsScreen, ReminderRow};
pub use counter::CounterScreen;
pub use filing::{FilingScreen, QrScreen};
pub use home::{DraftRow, HomeScreen, NextAppointment, NotificationRow, ProcedureRow};
pub use language::Language;
pub use link::{Route, route};
pub use offices::{OfficeRow, OfficesScreen, SlotRow, SlotsScreen};
pub use parts::{Choice, CommonTexts, Fact, Notice, Tone};
pub use procedure::{DocumentRow, PageRow, ProcedureScreen, QuestionRow};
pub use settings::{SettingsScreen, TextSize};
pub use sign_in::{SignInScreen, sign_in};
pub use sync::SyncScreen;
pub use track::{EventRow, TrackScreen};
pub use visit::{DeliveryForm, PickupForm, VisitScreen};
pub use worklist::{VisitRow, WedgedRow, WorklistScreen};

use crate::context::Context;

/// Builds the screens from the core's services.
#[derive(Clone)]
pub struct ScreenService {
    ctx: Arc<Context>,
}

impl ScreenService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    fn catalogue(&self) -> crate::catalogue::CatalogueService {
        crate::catalogue::CatalogueService::new(self.ctx.clone())
    }

    fn checklists(&self) -> crate::checklist::ChecklistService {
        crate::checklist::ChecklistService::new(self.ctx.clone())
    }

    fn bookings(&self) -> crate::booking::BookingService {
        crate::booking::BookingService::new(self.ctx.clone())
    }

    fn office_service(&self) -> crate::office::OfficeService {
        crate::office::OfficeService::new(self.ctx.clone())
    }

    fn dossiers(&self) -> crate::dossier::DossierService {
        crate::dossier::DossierService::new(self.ctx.clone())
    }

    fn tracking(&self) -> crate::tracking::TrackingService {
        crate::tracking::TrackingService::new(self.ctx.clone())
    }

    fn field(&self) -> crate::field::FieldService {
        crate::field::FieldService::new(self.ctx.clone())
    }

    fn qr(&self) -> crate::qr::QrService {
        crate::qr::QrService::new(self.ctx.clone())
    }

    fn account(&self) -> crate::account::AccountService {
        crate::account::AccountService::new(self.ctx.clone())
    }

    /// The texts every screen shares, in `lang`.
    pub fn common(&self, lang: Language) -> CommonTexts {
        CommonTexts::new(lang)
    }
}

/// True when `err` means the server was out of reach (the screen then
/// shows what is stored, with the offline banner).
fn unreachable(err: &crate::CoreError) -> bool {
    matches!(
        err.kind(),
        crate::ErrorKind::Offline | crate::ErrorKind::Server
    )
}
