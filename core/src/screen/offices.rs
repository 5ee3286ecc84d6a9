//! Điểm phục vụ: offices near the person (distance when the phone knows
//! where it is), opening hours, whether it is open now, a map link; then
//! one office's free slots by day (marked when stale), the priority
//! choice, and book / reschedule.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::Serialize;

use super::{Choice, Language, Notice, ScreenService, Tone, format};
use crate::api::model::{Office, OpeningHours, Priority};
use crate::error::{CoreError, CoreResult};
use crate::time::to_vn;

/// One office in the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OfficeRow {
    /// Office id (opens its slots).
    pub id: String,
    /// Name.
    pub name: String,
    /// Street address and ward.
    pub address: String,
    /// Distance from the person, when the phone knows where they are.
    pub distance: Option<String>,
    /// Open or closed now, and until when.
    pub open_now: String,
    /// Opening hours, one line per run of days with the same hours.
    pub hours: Vec<String>,
    /// A map link that opens in any phone's maps app or browser.
    pub map_url: String,
    /// Said when the office's record is sample data.
    pub sample_note: Option<String>,
}

/// The offices screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OfficesScreen {
    /// Title.
    pub title: String,
    /// How the list is ordered (by distance, or ask for the position).
    pub order_note: String,
    /// The offices, nearest first when the position is known.
    pub offices: Vec<OfficeRow>,
    /// The button that asks for the position (location permission).
    pub locate_label: String,
}

/// One slot of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlotRow {
    /// When it starts (passed back to book it).
    pub start: DateTime<Utc>,
    /// `08:30–09:00`.
    pub time: String,
    /// Places left, in words.
    pub free: String,
    /// True when it can be booked (places left, not past).
    pub bookable: bool,
}

/// One office's slots on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlotsScreen {
    /// The office.
    pub office_id: String,
    /// Its name (the title).
    pub office_name: String,
    /// The day shown, `YYYY-MM-DD`.
    pub date: String,
    /// The days to pick from (ids `YYYY-MM-DD`, labels written out).
    pub days: Vec<Choice>,
    /// The day's slots.
    pub slots: Vec<SlotRow>,
    /// Said when the day has no slot (closed, a holiday).
    pub empty: Option<String>,
    /// Said when the slots are the last copy seen (offline).
    pub stale: Option<Notice>,
    /// Heading of the priority choice.
    pub priority_title: String,
    /// Priority service: none, elderly, disability, pregnancy, merit.
    pub priorities: Vec<Choice>,
    /// Button: book (or move the appointment here when rescheduling).
    pub book_label: String,
}

/// Days of slots a person can pick from, today included.
const DAYS_AHEAD: u64 = 14;

impl ScreenService {
    /// The offices, nearest first when `position` (latitude, longitude) is
    /// known; offline, the stored list.
    pub async fn offices(
        &self,
        lang: Language,
        position: Option<(f64, f64)>,
    ) -> CoreResult<OfficesScreen> {
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let now = self.ctx.now();
        let rows: Vec<OfficeRow> = match position {
            Some((lat, lon)) => self
                .office_service()
                .nearest(lat, lon, u32::MAX)
                .await?
                .into_iter()
                .map(|n| office_row(n.office, Some(n.distance_km), lang, now))
                .collect(),
            None => self
                .office_service()
                .list()
                .await?
                .into_iter()
                .map(|o| office_row(o, None, lang, now))
                .collect(),
        };
        Ok(OfficesScreen {
            title: t("Điểm phục vụ", "Offices"),
            order_note: if position.is_some() {
                t("Gần bạn nhất ở trên cùng.", "Nearest first.")
            } else {
                t(
                    "Cho phép dùng vị trí để xếp theo khoảng cách.",
                    "Allow location to sort by distance.",
                )
            },
            offices: rows,
            locate_label: t("Dùng vị trí của tôi", "Use my location"),
        })
    }

    /// Office `office_id`'s slots on `date` (`YYYY-MM-DD`; blank: today),
    /// with the priority of choice id `priority_id` picked (`none`: none);
    /// `rescheduling` when moving an appointment.
    pub async fn slots(
        &self,
        lang: Language,
        office_id: &str,
        date: &str,
        priority_id: &str,
        rescheduling: bool,
    ) -> CoreResult<SlotsScreen> {
        let priority = super::actions::priority_of(priority_id)?;
        let t = |vi: &str, en: &str| lang.pick(vi, en).to_owned();
        let now = self.ctx.now();
        let today = to_vn(now).date_naive();
        let day = if date.trim().is_empty() {
            today
        } else {
            NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
                CoreError::invalid(
                    "date",
                    format!("Ngày không hợp lệ: {date} (cần YYYY-MM-DD)."),
                    format!("Not a date: {date} (YYYY-MM-DD expected)."),
                )
            })?
        };
        let office_name = self
            .office_service()
            .cached()?
            .into_iter()
            .find(|o| o.id == office_id)
            .map(|o| o.name)
            .unwrap_or_else(|| office_id.to_owned());
        let view = self
            .bookings()
            .slots(office_id.to_owned(), day.format("%Y-%m-%d").to_string())
            .await?;
        let slots: Vec<SlotRow> = view
            .slots
            .iter()
            .map(|s| {
                let past = s.start <= now;
                SlotRow {
                    start: s.start,
                    time: format::span(s.start, s.end),
                    free: if past {
                        t("Đã qua", "Past")
                    } else if s.free <= 0 {
                        t("Hết chỗ", "Full")
                    } else {
                        format::count(
                            i64::from(s.free),
                            "chỗ trống",
                            "place left",
                            "places left",
                            lang,
                        )
                    },
                    bookable: !past && s.free > 0,
                }
            })
            .collect();
        let days = (0..DAYS_AHEAD)
            .filter_map(|i| today.checked_add_days(Days::new(i)))
            .map(|d| {
                let label = match i64::from(d.num_days_from_ce() - today.num_days_from_ce()) {
                    0 => format!(
                        "{} ({})",
                        format::date(d, lang),
                        lang.pick("hôm nay", "today")
                    ),
                    1 => format!(
                        "{} ({})",
                        format::date(d, lang),
                        lang.pick("ngày mai", "tomorrow")
                    ),
                    _ => format::date(d, lang),
                };
                Choice::new(d.format("%Y-%m-%d").to_string(), label, d == day)
            })
            .collect();
        let stale = view.stale.then(|| {
            Notice::new(
                Tone::Warning,
                match lang {
                    Language::Vi => format!(
                        "Không có mạng: giờ trống như lúc {}; đặt lịch cần có mạng.",
                        format::date_time(view.fetched_at, lang)
                    ),
                    Language::En => format!(
                        "Offline: free places as of {}; booking needs the network.",
                        format::date_time(view.fetched_at, lang)
                    ),
                },
            )
        });
        let mut priorities = vec![Choice::new(
            "none",
            lang.pick("Không ưu tiên", "No priority"),
            priority.is_none(),
        )];
        priorities.extend(
            [
                Priority::Elderly,
                Priority::Disability,
                Priority::Pregnant,
                Priority::Merit,
            ]
            .into_iter()
            .map(|p| Choice::new(p.as_str(), priority_label(p, lang), priority == Some(p))),
        );
        Ok(SlotsScreen {
            office_id: office_id.to_owned(),
            office_name,
            date: day.format("%Y-%m-%d").to_string(),
            days,
            empty: slots.is_empty().then(|| {
                t(
                    "Ngày này không nhận hẹn (nghỉ hoặc ngày lễ). Chọn ngày khác.",
                    "No appointments this day (closed or a holiday). Pick another day.",
                )
            }),
            slots,
            stale,
            priority_title: t("Phục vụ ưu tiên", "Priority service"),
            priorities,
            book_label: if rescheduling {
                t("Đổi sang giờ này", "Move to this time")
            } else {
                t("Đặt giờ này", "Book this time")
            },
        })
    }
}

/// Who is served first, in words.
pub(crate) fn priority_label(p: Priority, lang: Language) -> &'static str {
    match p {
        Priority::Elderly => lang.pick("Người cao tuổi", "Elderly person"),
        Priority::Disability => lang.pick("Người khuyết tật", "Person with a disability"),
        Priority::Pregnant => lang.pick("Phụ nữ mang thai", "Pregnant woman"),
        Priority::Merit => lang.pick("Người có công", "Person with meritorious service"),
    }
}

/// One office as a row, as of `now`.
fn office_row(o: Office, km: Option<f64>, lang: Language, now: DateTime<Utc>) -> OfficeRow {
    OfficeRow {
        distance: km.map(|km| format::distance(km * 1000.0, lang)),
        open_now: open_now(&o.hours, now, lang),
        hours: hours(&o.hours, lang),
        map_url: format!(
            "https://www.google.com/maps/search/?api=1&query={:.6},{:.6}",
            o.latitude, o.longitude
        ),
        sample_note: o.sample.then(|| {
            lang.pick(
                "Dữ liệu mẫu: giờ mở cửa và số quầy chưa được xác minh.",
                "Sample data: hours and counters not verified.",
            )
            .to_owned()
        }),
        address: if o.ward.is_empty() {
            o.address
        } else {
            format!("{}, {}", o.address, o.ward)
        },
        name: o.name,
        id: o.id,
    }
}

/// The hours of `weekday` (1–7), `07:30–11:30, 13:30–17:00`, or none.
fn day_hours(hours: &[OpeningHours], weekday: i32) -> Option<String> {
    let spans: Vec<String> = hours
        .iter()
        .filter(|h| h.weekday == weekday)
        .map(|h| format!("{}–{}", h.opens, h.closes))
        .collect();
    (!spans.is_empty()).then(|| spans.join(", "))
}

/// The week's hours, one line per run of days with the same hours:
/// `Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00`, `Chủ nhật: nghỉ`.
fn hours(hours: &[OpeningHours], lang: Language) -> Vec<String> {
    let closed = lang.pick("nghỉ", "closed");
    let mut out = Vec::new();
    let mut day = 1;
    while day <= 7 {
        let these = day_hours(hours, day);
        let mut last = day;
        while last < 7 && day_hours(hours, last + 1) == these {
            last += 1;
        }
        let days = if last == day {
            format::weekday(day as u32, lang).to_owned()
        } else {
            format!(
                "{} – {}",
                format::weekday(day as u32, lang),
                format::weekday(last as u32, lang)
            )
        };
        out.push(format!("{days}: {}", these.as_deref().unwrap_or(closed)));
        day = last + 1;
    }
    out
}

/// `Đang mở cửa, đóng lúc 11:30` or `Đang đóng cửa` as of `now`.
fn open_now(hours: &[OpeningHours], now: DateTime<Utc>, lang: Language) -> String {
    let local = to_vn(now);
    let weekday = local.weekday().number_from_monday() as i32;
    let clock = local.format("%H:%M").to_string();
    let open = hours
        .iter()
        .find(|h| h.weekday == weekday && h.opens.as_str() <= clock.as_str() && clock < h.closes);
    match open {
        Some(h) => match lang {
            Language::Vi => format!("Đang mở cửa, đóng lúc {}", h.closes),
            Language::En => format!("Open now, closes at {}", h.closes),
        },
        None => lang.pick("Đang đóng cửa", "Closed now").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn h(weekday: i32, opens: &str, closes: &str) -> OpeningHours {
        OpeningHours {
            weekday,
            opens: opens.into(),
            closes: closes.into(),
        }
    }

    #[test]
    fn a_week_of_hours_reads_as_runs_of_days() {
        let mut week = Vec::new();
        for d in 1..=5 {
            week.push(h(d, "07:30", "11:30"));
            week.push(h(d, "13:30", "17:00"));
        }
        week.push(h(6, "07:30", "11:30"));
        assert_eq!(
            hours(&week, Language::Vi),
            [
                "Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00",
                "Thứ Bảy: 07:30–11:30",
                "Chủ nhật: nghỉ"
            ]
        );
        // 12:00 on Tuesday 1 December 2026 in Hanoi: the lunch break.
        let noon = Utc.with_ymd_and_hms(2026, 12, 1, 5, 0, 0).unwrap();
        assert_eq!(open_now(&week, noon, Language::En), "Closed now");
        let morning = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap();
        assert_eq!(
            open_now(&week, morning, Language::Vi),
            "Đang mở cửa, đóng lúc 11:30"
        );
    }
}
