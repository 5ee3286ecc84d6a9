//! `dvc calendar lunar|solar|holidays`: the Vietnamese calendar, offline.

use chrono::NaiveDate;
use dvc_core::calendar::{LunarDate, to_lunar, to_solar};
use dvc_core::{CoreError, CoreResult};
use serde_json::json;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            "date",
            format!("Ngày «{text}» không đúng dạng NĂM-THÁNG-NGÀY (ví dụ 2026-02-17)."),
            format!("Date “{text}” is not YYYY-MM-DD (e.g. 2026-02-17)."),
        )
    })
}

/// `dvc calendar lunar YYYY-MM-DD`.
pub fn lunar(out: Output, date: &str) -> CoreResult<()> {
    let date = parse_date(date)?;
    let l = to_lunar(date)?;
    let value = json!({"day": l.day, "month": l.month, "year": l.year, "leap": l.leap});
    out.show(&value, |_| {
        let leap = if l.leap { " (nhuận / leap)" } else { "" };
        println!(
            "{} dương lịch = ngày {} tháng {}{leap} năm {} âm lịch",
            date.format("%d/%m/%Y"),
            l.day,
            l.month,
            l.year
        );
    });
    Ok(())
}

/// `dvc calendar solar D M Y [--leap]`.
pub fn solar(out: Output, day: u8, month: u8, year: i32, leap: bool) -> CoreResult<()> {
    let date = to_solar(LunarDate {
        day: i32::from(day),
        month: i32::from(month),
        year,
        leap,
    })?;
    let value = json!({"date": date.format("%Y-%m-%d").to_string()});
    out.show(&value, |_| {
        let leap = if leap { " nhuận" } else { "" };
        println!(
            "Ngày {day} tháng {month}{leap} năm {year} âm lịch = {} dương lịch / solar",
            date.format("%d/%m/%Y")
        );
    });
    Ok(())
}

/// `dvc calendar holidays YYYY`: one entry per day off — the server's
/// calendar for the year when it has one (kept for offline use), else the
/// default rule computed offline.
pub fn holidays(shell: &Shell, out: Output, year: i32) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let days = core.block_on(core.bookings().holiday_year(year))?.days();
    out.show(&days, |days| {
        for d in days {
            println!(
                "{}  {} / {}",
                d.date.format("%a %d/%m/%Y"),
                d.name_vi,
                d.name_en
            );
        }
    });
    Ok(())
}
