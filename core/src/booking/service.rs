//! Appointment calls: slots (cached; stale when offline), book, cancel,
//! reschedule (need the server, fail clearly offline), the account's
//! bookings, reminders and calendar files, and the holiday calendar kept
//! up to date from the server.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::ics::booking_ics;
use super::reminder::{Reminder, ReminderRule, reminders, validate_rules};
use super::store;
use crate::api::model::{Booking, NewBooking, Priority, Reschedule, Slot};
use crate::calendar::{Holiday, HolidayCalendar, YearOverride};
use crate::context::Context;
use crate::error::{CoreError, CoreResult, ErrorKind};
use crate::ids::new_id;

/// The slots of an office on a day, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlotsView {
    /// Office.
    pub office_id: String,
    /// Day, `YYYY-MM-DD` (Vietnam).
    pub date: String,
    /// Slots, in time order.
    pub slots: Vec<Slot>,
    /// True when shown from the device's copy because the server could not
    /// be reached: places left may have changed.
    pub stale: bool,
    /// When the server sent this.
    pub fetched_at: DateTime<Utc>,
}

/// Đặt lịch: the account's appointments.
#[derive(Clone)]
pub struct BookingService {
    ctx: Arc<Context>,
}

impl BookingService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// The bookable slots of `office_id` on `date` (`YYYY-MM-DD`). Offline,
    /// the last copy seen, marked stale (an offline error if there is none).
    pub async fn slots(&self, office_id: String, date: String) -> CoreResult<SlotsView> {
        let day = parse_day(&date)?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let path = format!("/v1/offices/{}/slots?date={day}", path_segment(&office_id)?);
                match ctx.api.get::<Vec<Slot>>(&path, None).await {
                    Ok(slots) => {
                        let now = ctx.now();
                        ctx.db
                            .write(|tx| store::save_slots(tx, &office_id, &date, &slots, now))?;
                        Ok(SlotsView {
                            office_id,
                            date,
                            slots,
                            stale: false,
                            fetched_at: now,
                        })
                    }
                    Err(e) if e.kind() == ErrorKind::Offline => {
                        match ctx.db.read(|c| store::slots(c, &office_id, &date))? {
                            Some((slots, fetched_at)) => Ok(SlotsView {
                                office_id,
                                date,
                                slots,
                                stale: true,
                                fetched_at,
                            }),
                            None => Err(e),
                        }
                    }
                    Err(e) => Err(e),
                }
            })
            .await
    }

    /// Books the slot starting at `slot_start` (safe to retry: one
    /// idempotency key for every try). Needs the server.
    pub async fn book(
        &self,
        office_id: String,
        slot_start: DateTime<Utc>,
        procedure_code: String,
        priority: Option<Priority>,
    ) -> CoreResult<Booking> {
        let key = new_id()?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = crate::account::session::require_token(&ctx)?;
                let body = NewBooking {
                    office_id,
                    slot_start,
                    procedure_code,
                    priority,
                };
                let booking: Booking = ctx
                    .api
                    .post("/v1/bookings", &body, Some(&token), Some(&key))
                    .await
                    .map_err(needs_server)?;
                ctx.db
                    .write(|tx| store::save_booking(tx, &booking, ctx.now()))?;
                Ok(booking)
            })
            .await
    }

    /// Cancels a booking, freeing its place. Needs the server.
    pub async fn cancel(&self, booking_id: String) -> CoreResult<Booking> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = crate::account::session::require_token(&ctx)?;
                let path = format!("/v1/bookings/{}/cancel", path_segment(&booking_id)?);
                let booking: Booking = ctx
                    .api
                    .post(
                        &path,
                        &(),
                        Some(&token),
                        Some(&format!("cancel-{booking_id}")),
                    )
                    .await
                    .map_err(needs_server)?;
                ctx.db
                    .write(|tx| store::save_booking(tx, &booking, ctx.now()))?;
                Ok(booking)
            })
            .await
    }

    /// Moves a booking to another slot of the same office: the new place is
    /// taken and the old one freed at once, or nothing changes. Needs the server.
    pub async fn reschedule(
        &self,
        booking_id: String,
        slot_start: DateTime<Utc>,
    ) -> CoreResult<Booking> {
        let key = new_id()?;
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = crate::account::session::require_token(&ctx)?;
                let path = format!("/v1/bookings/{}/reschedule", path_segment(&booking_id)?);
                let booking: Booking = ctx
                    .api
                    .post(&path, &Reschedule { slot_start }, Some(&token), Some(&key))
                    .await
                    .map_err(needs_server)?;
                ctx.db
                    .write(|tx| store::save_booking(tx, &booking, ctx.now()))?;
                Ok(booking)
            })
            .await
    }

    /// The account's bookings from the server (cached).
    pub async fn refresh(&self) -> CoreResult<Vec<Booking>> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                let token = crate::account::session::require_token(&ctx)?;
                let list: Vec<Booking> = ctx.api.get("/v1/bookings", Some(&token)).await?;
                ctx.db
                    .write(|tx| store::replace_bookings(tx, &list, ctx.now()))?;
                Ok(list)
            })
            .await
    }

    /// The bookings on this device, soonest first (works offline).
    pub fn cached(&self) -> CoreResult<Vec<Booking>> {
        self.ctx.db.read(store::bookings)
    }

    /// When to remind the person of booking `booking_id` (from the device's
    /// copy), as data for local notifications.
    pub fn reminders(&self, booking_id: &str, rules: &[ReminderRule]) -> CoreResult<Vec<Reminder>> {
        validate_rules(rules)?;
        Ok(reminders(
            &self.active_one(booking_id)?,
            rules,
            self.ctx.now(),
        ))
    }

    /// Booking `booking_id` as an iCalendar (.ics) file.
    pub fn ics(&self, booking_id: &str) -> CoreResult<String> {
        Ok(booking_ics(&self.active_one(booking_id)?, self.ctx.now()))
    }

    /// The days off of `year`: the server's calendar when it can be
    /// reached (kept for offline use), else the last one kept, else the
    /// decisions shipped with the core, else the default rule.
    pub async fn holidays(&self, year: i32) -> CoreResult<Vec<Holiday>> {
        Ok(self.holiday_year(year).await?.days_off)
    }

    /// The whole of `year` as [`Self::holidays`] finds it: its days off and
    /// the Saturdays worked in exchange (làm bù).
    pub async fn holiday_year(&self, year: i32) -> CoreResult<YearOverride> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                match ctx
                    .api
                    .get::<YearOverride>(&format!("/v1/holidays/{year}"), None)
                    .await
                {
                    Ok(y) if y.year == year => {
                        ctx.db.write(|tx| store::save_year(tx, &y, ctx.now()))?;
                    }
                    Ok(_) => {
                        return Err(CoreError::internal("the server answered for another year"));
                    }
                    Err(e) if e.kind() == ErrorKind::Offline => {}
                    Err(e) => return Err(e),
                }
                let calendar = HolidayCalendar::with_overrides(ctx.db.read(store::years)?)?;
                calendar.year(year)
            })
            .await
    }

    /// Booking `booking_id` as kept here, refused once cancelled (nothing
    /// to remind of or put in a calendar).
    fn active_one(&self, booking_id: &str) -> CoreResult<Booking> {
        let b = self.cached_one(booking_id)?;
        if b.status == crate::api::model::BookingStatus::Cancelled {
            return Err(CoreError::conflict(
                crate::Reason::Cancelled,
                "Lịch hẹn này đã huỷ: không có nhắc hẹn hay lịch để thêm.",
                "This appointment is cancelled: there is nothing to remind of or add to a calendar.",
            ));
        }
        Ok(b)
    }

    fn cached_one(&self, booking_id: &str) -> CoreResult<Booking> {
        self.cached()?
            .into_iter()
            .find(|b| b.id == booking_id)
            .ok_or_else(|| {
                CoreError::not_found(
                    "Không tìm thấy lịch hẹn trên máy.",
                    "Appointment not found on this device.",
                )
            })
    }
}

/// Booking changes are never queued: offline, say plainly nothing happened.
fn needs_server(err: CoreError) -> CoreError {
    if err.kind() == ErrorKind::Offline {
        CoreError::new(
            ErrorKind::Offline,
            "",
            "Cần có mạng để đặt, huỷ hoặc đổi lịch hẹn. Chưa có gì thay đổi.",
            "Booking, cancelling or moving an appointment needs a connection. Nothing was changed.",
        )
    } else {
        err
    }
}

fn parse_day(date: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            "date",
            format!("Ngày «{date}» cần dạng NĂM-THÁNG-NGÀY."),
            format!("Date “{date}” must be YYYY-MM-DD."),
        )
    })
}

/// An id safe to put in a URL path.
fn path_segment(id: &str) -> CoreResult<&str> {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(id)
    } else {
        Err(CoreError::invalid(
            "id",
            format!("Mã không hợp lệ: {id}"),
            format!("Invalid id: {id}"),
        ))
    }
}
