//! What the screens' buttons do, taking the ids the screens hand out
//! (choice ids, question ids, slot starts), so that a presenter passes them
//! back as they came and never decides anything itself: which screen a
//! person starts on, answering a question, picking a case, an office or a
//! way of getting the result, booking for a draft, a failed visit, the
//! language and text size.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Language, ScreenService, TextSize};
use crate::api::model::{AccountKind, Booking, Delivery, Priority, StaffRole};
use crate::catalogue::profile::Answer;
use crate::checklist::Draft;
use crate::error::{CoreError, CoreResult};
use crate::field::view::{ActionReceipt, FailInput};
use crate::tracking::postal::FailReason;

/// The first screen of the app for whoever is signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum StartScreen {
    /// Nobody is signed in: the sign-in screen.
    SignIn,
    /// A citizen: home.
    Home,
    /// Field staff: today's worklist.
    Worklist,
    /// Counter staff: the QR check.
    Counter,
}

/// An id a screen handed out that does not name one of its choices.
fn unknown(field: &str, id: &str) -> CoreError {
    CoreError::invalid(
        field,
        format!("Lựa chọn không hợp lệ: {id}."),
        format!("Not one of the choices: {id}."),
    )
}

/// The priority with choice id `id` of the slots screen (`none`: none).
pub(crate) fn priority_of(id: &str) -> CoreResult<Option<Priority>> {
    match id {
        "none" | "" => Ok(None),
        id => Ok(Some(
            Priority::parse(id).ok_or_else(|| unknown("priority", id))?,
        )),
    }
}

impl ScreenService {
    /// Where the app starts for the person signed in on this phone.
    pub fn start(&self) -> CoreResult<StartScreen> {
        let Some(session) = self.account().session()? else {
            return Ok(StartScreen::SignIn);
        };
        let p = session.principal;
        Ok(match (p.kind, p.staff_role) {
            (AccountKind::Citizen, _) => StartScreen::Home,
            (AccountKind::Staff, Some(StaffRole::Field)) => StartScreen::Worklist,
            (AccountKind::Staff, _) => StartScreen::Counter,
        })
    }

    /// The draft to open for procedure `code`: the latest draft of it on
    /// this phone, else a new one (for the applicant themself, at the
    /// counter: the procedure screen's questions change that).
    pub fn draft_for(&self, code: &str) -> CoreResult<String> {
        let code = self.catalogue().procedure(code)?.code;
        if let Some(d) = self
            .checklists()
            .drafts()?
            .into_iter()
            .find(|d| d.procedure == code)
        {
            return Ok(d.id);
        }
        Ok(self
            .checklists()
            .create_draft(
                &code,
                &crate::catalogue::profile::ApplicantProfile::default(),
            )?
            .id)
    }

    /// Answers question `question_id` of draft `draft_id`.
    pub fn answer(&self, draft_id: &str, question_id: &str, yes: bool) -> CoreResult<Draft> {
        let draft = self.checklists().draft(draft_id)?;
        let mut profile = draft.profile;
        profile.answers.retain(|a| a.question != question_id);
        profile.answers.push(Answer {
            question: question_id.to_owned(),
            value: yes,
        });
        self.checklists().set_profile(draft_id, &profile)
    }

    /// Picks case `case_id` (a choice id of the procedure screen).
    pub fn choose_case(&self, draft_id: &str, case_id: &str) -> CoreResult<Draft> {
        let number: i32 = case_id.parse().map_err(|_| unknown("case", case_id))?;
        let draft = self.checklists().draft(draft_id)?;
        let mut profile = draft.profile;
        profile.case = Some(number);
        self.checklists().set_profile(draft_id, &profile)
    }

    /// Files draft `draft_id` at office `office_id`.
    pub fn choose_office(&self, draft_id: &str, office_id: &str) -> CoreResult<Draft> {
        let mut plan = self.checklists().draft(draft_id)?.plan;
        plan.office_id = Some(office_id.to_owned());
        self.checklists().set_plan(draft_id, plan)
    }

    /// Gets the result `pickup` or `home` (to `address`), choice ids of the
    /// filing screen.
    pub fn choose_delivery(
        &self,
        draft_id: &str,
        delivery_id: &str,
        address: &str,
    ) -> CoreResult<Draft> {
        let mut plan = self.checklists().draft(draft_id)?.plan;
        plan.delivery = match delivery_id {
            "pickup" => Delivery::Pickup,
            "home" => Delivery::Home {
                address: address.to_owned(),
            },
            other => return Err(unknown("delivery", other)),
        };
        self.checklists().set_plan(draft_id, plan)
    }

    /// Books the slot starting at `slot_start` at `office_id` for draft
    /// `draft_id`'s procedure, with priority `priority_id` (a choice id of
    /// the slots screen, `none` for none); the draft is then filed there.
    pub async fn book(
        &self,
        draft_id: &str,
        office_id: &str,
        slot_start: DateTime<Utc>,
        priority_id: &str,
    ) -> CoreResult<Booking> {
        let priority = priority_of(priority_id)?;
        let draft = self.checklists().draft(draft_id)?;
        let booking = self
            .bookings()
            .book(
                office_id.to_owned(),
                slot_start,
                draft.checklist.procedure.clone(),
                priority,
            )
            .await?;
        let mut plan = draft.plan;
        plan.office_id = Some(booking.office_id.clone());
        plan.booking_id = Some(booking.id.clone());
        self.checklists().set_plan(draft_id, plan)?;
        Ok(booking)
    }

    /// Records a failed visit with reason `reason_id` (a choice id of the
    /// visit screen), offline.
    pub fn fail_visit(
        &self,
        visit_id: &str,
        reason_id: &str,
        note: &str,
        position: Option<(f64, f64)>,
    ) -> CoreResult<ActionReceipt> {
        let reason = FailReason::parse(reason_id).ok_or_else(|| unknown("reason", reason_id))?;
        let note = note.trim();
        self.field().fail(FailInput {
            visit_id: visit_id.to_owned(),
            reason,
            note: (!note.is_empty()).then(|| note.to_owned()),
            latitude: position.map(|p| p.0),
            longitude: position.map(|p| p.1),
        })
    }

    /// Chooses the language `vi` or `en` (choice ids of the settings screen).
    pub fn choose_language(&self, id: &str) -> CoreResult<Language> {
        let lang = Language::ALL
            .into_iter()
            .find(|l| l.tag() == id)
            .ok_or_else(|| unknown("language", id))?;
        self.set_language(lang)?;
        Ok(lang)
    }

    /// Chooses the text size `system`, `large` or `largest`.
    pub fn choose_text_size(&self, id: &str) -> CoreResult<TextSize> {
        let size = TextSize::parse(id).ok_or_else(|| unknown("text_size", id))?;
        self.set_text_size(size)?;
        Ok(size)
    }
}
