//! The apps' screens, ready to draw: one call per screen, every text in
//! the language asked for. The Kotlin presenters and Swift models put the
//! records into their state and pass the ids inside back with the
//! person's actions to the other capability objects.

use std::time::SystemTime;

use dvc_core::CoreError;
use dvc_core::api::model::{Booking, OtpSent};
use dvc_core::field::view::ActionReceipt;
use dvc_core::screen::{
    AppointmentsScreen, CommonTexts, CounterScreen, FilingScreen, HomeScreen, Language,
    OfficesScreen, ProcedureScreen, QrScreen, Route, ScreenService, SettingsScreen, SignInScreen,
    SlotsScreen, StartScreen, SyncScreen, TextSize, TrackScreen, VisitScreen, WorklistScreen,
};

/// Màn hình: the screens of the citizen, field and counter apps.
#[derive(uniffi::Object)]
pub struct Screens {
    inner: ScreenService,
}

impl Screens {
    pub(crate) fn new(inner: ScreenService) -> Self {
        Self { inner }
    }
}

#[uniffi::export]
impl Screens {
    /// The texts every screen shares (buttons, loading, offline banner).
    pub fn common(&self, language: Language) -> CommonTexts {
        self.inner.common(language)
    }

    /// Sign-in, after a code was sent when `sent` is given.
    pub fn sign_in(&self, language: Language, sent: Option<OtpSent>) -> SignInScreen {
        dvc_core::screen::sign_in(language, sent.as_ref())
    }

    /// The citizen's home with the results of `query` (works offline).
    pub fn home(&self, language: Language, query: String) -> Result<HomeScreen, CoreError> {
        self.inner.home(language, &query)
    }

    /// The procedure screen of a draft: facts, questions, checklist, pages,
    /// progress, the clerk's summary (works offline).
    pub fn procedure(
        &self,
        language: Language,
        draft_id: String,
    ) -> Result<ProcedureScreen, CoreError> {
        self.inner.procedure(language, &draft_id)
    }

    /// The offices, nearest first when the position is given.
    pub async fn offices(
        &self,
        language: Language,
        latitude: Option<f64>,
        longitude: Option<f64>,
    ) -> Result<OfficesScreen, CoreError> {
        self.inner.offices(language, latitude.zip(longitude)).await
    }

    /// One office's slots on `date` (`YYYY-MM-DD`, blank for today), the
    /// priority of choice id `priority_id` picked (`none` for none).
    pub async fn slots(
        &self,
        language: Language,
        office_id: String,
        date: String,
        priority_id: String,
        rescheduling: bool,
    ) -> Result<SlotsScreen, CoreError> {
        self.inner
            .slots(language, &office_id, &date, &priority_id, rescheduling)
            .await
    }

    /// The person's appointments with the reminders to schedule.
    pub async fn appointments(&self, language: Language) -> Result<AppointmentsScreen, CoreError> {
        self.inner.appointments(language).await
    }

    /// The filing screen of a draft: office, delivery and its fee.
    pub async fn filing(
        &self,
        language: Language,
        draft_id: String,
    ) -> Result<FilingScreen, CoreError> {
        self.inner.filing(language, &draft_id).await
    }

    /// A filed dossier's signed QR, full-screen (works offline).
    pub fn dossier_qr(
        &self,
        language: Language,
        dossier_id: String,
    ) -> Result<QrScreen, CoreError> {
        self.inner.dossier_qr(language, &dossier_id)
    }

    /// A dossier's timeline by code or item number (stored copy offline).
    pub async fn track(&self, language: Language, key: String) -> Result<TrackScreen, CoreError> {
        self.inner.track(language, &key).await
    }

    /// Settings: language, text size, account, sign-out.
    pub fn settings(&self, language: Language) -> Result<SettingsScreen, CoreError> {
        self.inner.settings(language)
    }

    /// The language chosen in settings, else the phone's (`system_tag`).
    pub fn language(&self, system_tag: String) -> Result<Language, CoreError> {
        self.inner.language(&system_tag)
    }

    /// Chooses the language by its choice id (`vi`, `en`).
    pub fn choose_language(&self, id: String) -> Result<Language, CoreError> {
        self.inner.choose_language(&id)
    }

    /// The factor to multiply the system's text scale by (settings).
    pub fn text_scale(&self) -> Result<f32, CoreError> {
        self.inner.text_size().map(TextSize::scale)
    }

    /// Chooses the text size by its choice id (`system`, `large`, `largest`).
    pub fn choose_text_size(&self, id: String) -> Result<(), CoreError> {
        self.inner.choose_text_size(&id).map(|_| ())
    }

    /// Where the app starts for the person signed in on this phone.
    pub fn start(&self) -> Result<StartScreen, CoreError> {
        self.inner.start()
    }

    /// The draft to open for a procedure found on the home screen: the
    /// latest one of it on this phone, else a new one.
    pub fn draft_for(&self, procedure_code: String) -> Result<String, CoreError> {
        self.inner.draft_for(&procedure_code)
    }

    /// Answers a question of the procedure screen.
    pub fn answer(
        &self,
        draft_id: String,
        question_id: String,
        yes: bool,
    ) -> Result<(), CoreError> {
        self.inner.answer(&draft_id, &question_id, yes).map(|_| ())
    }

    /// Picks a case of the procedure screen (its choice id).
    pub fn choose_case(&self, draft_id: String, case_id: String) -> Result<(), CoreError> {
        self.inner.choose_case(&draft_id, &case_id).map(|_| ())
    }

    /// Picks the receiving office of the filing screen.
    pub fn choose_office(&self, draft_id: String, office_id: String) -> Result<(), CoreError> {
        self.inner.choose_office(&draft_id, &office_id).map(|_| ())
    }

    /// Picks `pickup` or `home` (to `address`) on the filing screen.
    pub fn choose_delivery(
        &self,
        draft_id: String,
        delivery_id: String,
        address: String,
    ) -> Result<(), CoreError> {
        self.inner
            .choose_delivery(&draft_id, &delivery_id, &address)
            .map(|_| ())
    }

    /// Books a slot of the slots screen for a draft, with the priority's
    /// choice id (`none` for none); the draft is then filed there.
    pub async fn book(
        &self,
        draft_id: String,
        office_id: String,
        slot_start: SystemTime,
        priority_id: String,
    ) -> Result<Booking, CoreError> {
        self.inner
            .book(&draft_id, &office_id, slot_start.into(), &priority_id)
            .await
    }

    /// Records a failed visit with the reason's choice id, offline.
    pub fn fail_visit(
        &self,
        visit_id: String,
        reason_id: String,
        note: String,
        latitude: Option<f64>,
        longitude: Option<f64>,
    ) -> Result<ActionReceipt, CoreError> {
        self.inner
            .fail_visit(&visit_id, &reason_id, &note, latitude.zip(longitude))
    }

    /// The field worker's visits in route order (stored copy offline).
    pub async fn worklist(&self, language: Language) -> Result<WorklistScreen, CoreError> {
        self.inner.worklist(language).await
    }

    /// One visit, with what was scanned (QR or barcode) if anything.
    pub fn visit(
        &self,
        language: Language,
        visit_id: String,
        scanned: Option<String>,
    ) -> Result<VisitScreen, CoreError> {
        self.inner.visit(language, &visit_id, scanned.as_deref())
    }

    /// The sync screen before syncing (works offline).
    pub fn sync_status(&self, language: Language) -> Result<SyncScreen, CoreError> {
        self.inner.sync_status(language)
    }

    /// Syncs now; the screen with what it did.
    pub async fn sync(&self, language: Language) -> Result<SyncScreen, CoreError> {
        self.inner.sync(language).await
    }

    /// The progress line of a running sync.
    pub fn sync_progress(&self, language: Language, sent: i32, acknowledged: i32) -> String {
        self.inner.sync_progress(language, sent, acknowledged)
    }

    /// The counter's check of a scanned QR.
    pub async fn counter_scan(&self, language: Language, payload: String) -> CounterScreen {
        self.inner.counter_scan(language, &payload).await
    }

    /// Where an app link (`dvc://dossier/<code>`) goes; none for one that
    /// is not the app's or does not read cleanly.
    pub fn route(&self, url: String) -> Option<Route> {
        dvc_core::screen::route(&url)
    }
}
