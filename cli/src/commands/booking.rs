//! `dvc slots|book|bookings|cancel|reschedule|reminders|ics`: appointments.

use chrono::{DateTime, Utc};
use dvc_core::api::model::{Booking, BookingStatus, Priority};
use dvc_core::booking::default_rules;
use dvc_core::time::format_vn;
use dvc_core::{CoreError, CoreResult};

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// Parses an RFC 3339 instant (`2026-03-02T08:00:00+07:00`).
pub fn parse_instant(text: &str) -> CoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            CoreError::invalid(
                "slot_start",
                format!("Thời điểm «{text}» cần dạng RFC 3339, ví dụ 2026-03-02T08:00:00+07:00."),
                format!("Time “{text}” must be RFC 3339, e.g. 2026-03-02T08:00:00+07:00."),
            )
        })
}

/// A day as typed: `today`, `tomorrow` (Vietnam time, by `core`'s clock)
/// or YYYY-MM-DD.
pub fn resolve_day(core: &dvc_core::Core, text: &str) -> String {
    let today = dvc_core::booking::slots::vn_today(core.clock().now());
    match text.trim().to_lowercase().as_str() {
        "today" | "hom-nay" | "homnay" => today.to_string(),
        "tomorrow" | "ngay-mai" | "ngaymai" => (today + chrono::Duration::days(1)).to_string(),
        other => other.to_owned(),
    }
}

/// `dvc slots <office> --date D`.
pub fn slots(shell: &Shell, out: Output, office: &str, date: &str) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let view = core.block_on(
        core.bookings()
            .slots(office.into(), resolve_day(&core, date)),
    )?;
    out.show(&view, |v| {
        if v.stale {
            println!("(ngoại tuyến: số chỗ có thể đã thay đổi, xem lúc {} / offline: places may have changed)", format_vn(v.fetched_at));
        }
        if v.slots.is_empty() {
            println!("Không có khung giờ nào ngày {} / No slots on {}", v.date, v.date);
        }
        for s in &v.slots {
            println!("{}  còn/free {}/{}  {}", format_vn(s.start), s.free, s.capacity, s.start.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        }
    });
    Ok(())
}

/// Which slot `dvc book` takes.
pub enum When {
    /// The slot starting then (RFC 3339).
    At(String),
    /// The first slot with a free place from that day on.
    FirstFreeFrom(String),
}

/// The first free slot of `office` from `day` on, within the booking
/// horizon.
fn first_free(core: &dvc_core::Core, office: &str, day: &str) -> CoreResult<DateTime<Utc>> {
    let first: chrono::NaiveDate = resolve_day(core, day).parse().map_err(|_| {
        CoreError::invalid(
            "date",
            "Ngày cần dạng NĂM-THÁNG-NGÀY, today hoặc tomorrow.",
            "The date must be YYYY-MM-DD, today or tomorrow.",
        )
    })?;
    for ahead in 0..dvc_core::booking::BookingRules::default().horizon_days {
        let day = first + chrono::Duration::days(i64::from(ahead));
        match core.block_on(core.bookings().slots(office.into(), day.to_string())) {
            Ok(view) => {
                if let Some(s) = view.slots.iter().find(|s| s.free > 0) {
                    return Ok(s.start);
                }
            }
            Err(e) if e.reason() == Some("outside_booking_window") => break,
            Err(e) => return Err(e),
        }
    }
    Err(CoreError::conflict(
        dvc_core::Reason::NoFreeSlot,
        format!("Bưu cục {office} không còn chỗ trống trong thời gian đặt lịch."),
        format!("Office {office} has no free place within the booking period."),
    ))
}

/// `dvc book <office> <start>|--first-free --procedure CODE [--priority P]`.
pub fn book(
    shell: &Shell,
    out: Output,
    office: &str,
    when: When,
    procedure: &str,
    priority: Option<Priority>,
) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Citizen)?;
    let start = match when {
        When::At(text) => parse_instant(&text)?,
        When::FirstFreeFrom(day) => first_free(&core, office, &day)?,
    };
    let b =
        core.block_on(
            core.bookings()
                .book(office.into(), start, procedure.into(), priority),
        )?;
    out.show(&b, print_booking);
    Ok(())
}

/// `dvc bookings`: the citizen's appointments (the office's for `dvc staff bookings`).
pub fn list(shell: &Shell, out: Output, profile: Profile) -> CoreResult<()> {
    let core = shell.signed_in(profile)?;
    let list = match core.block_on(core.bookings().refresh()) {
        Ok(list) => list,
        Err(e) if e.kind() == dvc_core::ErrorKind::Offline => {
            eprintln!("{} / {} (danh sách đã lưu / cached list)", e.vi(), e.en());
            core.bookings().cached()?
        }
        Err(e) => return Err(e),
    };
    out.show(&list, |l| {
        if l.is_empty() {
            println!("Chưa có lịch hẹn. / No appointments.");
        }
        l.iter().for_each(print_booking);
    });
    Ok(())
}

/// `dvc cancel <id>`.
pub fn cancel(shell: &Shell, out: Output, id: &str) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Citizen)?;
    let before = core.bookings().cached()?.into_iter().find(|b| b.id == id);
    let b = core.block_on(core.bookings().cancel(id.into()))?;
    let already = before.is_some_and(|b| b.status == BookingStatus::Cancelled);
    out.show(&b, |b| {
        if already {
            println!("Lịch hẹn này đã huỷ từ trước. / This appointment was already cancelled.");
        }
        print_booking(b);
    });
    Ok(())
}

/// Runs `f` on the bookings kept here; on a miss (e.g. after signing in
/// again) fetches them from the server once and tries again.
fn with_fresh_bookings<T>(
    core: &dvc_core::Core,
    f: impl Fn(&dvc_core::Core) -> CoreResult<T>,
) -> CoreResult<T> {
    match f(core) {
        Err(e) if e.kind() == dvc_core::ErrorKind::NotFound => {
            core.block_on(core.bookings().refresh())?;
            f(core)
        }
        other => other,
    }
}

/// `dvc reschedule <id> <start>`.
pub fn reschedule(shell: &Shell, out: Output, id: &str, start: &str) -> CoreResult<()> {
    let start = parse_instant(start)?;
    let core = shell.signed_in(Profile::Citizen)?;
    let b = core.block_on(core.bookings().reschedule(id.into(), start))?;
    out.show(&b, print_booking);
    Ok(())
}

/// `dvc reminders <id>`: when the phone would remind.
pub fn reminders(shell: &Shell, out: Output, id: &str) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Citizen)?;
    let list = with_fresh_bookings(&core, |c| c.bookings().reminders(id, &default_rules()))?;
    out.show(&list, |l| {
        for r in l {
            println!("{}  {} — {}", format_vn(r.at), r.title_vi, r.body_vi);
        }
    });
    Ok(())
}

/// `dvc ics <id> [--out FILE]`: the appointment as a calendar file; with
/// `--json`, `{"booking_id", "ics", "path"}`.
pub fn ics(
    shell: &Shell,
    out: Output,
    id: &str,
    out_file: Option<&std::path::Path>,
) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Citizen)?;
    let text = with_fresh_bookings(&core, |c| c.bookings().ics(id))?;
    if let Some(path) = out_file {
        std::fs::write(path, &text).map_err(|e| CoreError::file(path, &e))?;
    }
    let value = serde_json::json!({
        "booking_id": id,
        "ics": text,
        "path": out_file.map(|p| p.display().to_string()),
    });
    out.show(&value, |_| {
        if out_file.is_none() {
            print!("{text}");
        }
    });
    Ok(())
}

/// One appointment for a person to read.
pub fn print_booking(b: &Booking) {
    let status = match b.status {
        BookingStatus::Active => "đã đặt / booked",
        BookingStatus::Cancelled => "đã huỷ / cancelled",
    };
    let priority = b
        .priority
        .map(|p| format!("  ưu tiên/priority: {}", p.as_str()))
        .unwrap_or_default();
    let phone = b
        .citizen_phone
        .as_deref()
        .map(|p| format!("  ☎ {p}"))
        .unwrap_or_default();
    println!(
        "{}  {}  {} — {}  thủ tục/procedure {}  [{status}]{priority}{phone}",
        b.id,
        format_vn(b.slot_start),
        b.office_name,
        b.office_address,
        b.procedure_code
    );
}
