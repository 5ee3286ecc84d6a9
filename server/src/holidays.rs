//! Public holidays on the server: the offline default rule, replaced for a
//! year by an override (the Prime Minister's decision, swapped working
//! days) stored in the database and published to phones.

use dvc_core::calendar::{HolidayCalendar, YearOverride};
use dvc_core::storage::Database;
use dvc_core::{CoreError, CoreResult};
use rusqlite::params;

/// The overrides stored in the database.
pub fn load(db: &Database) -> CoreResult<Vec<YearOverride>> {
    db.read(|c| {
        let mut stmt = c.prepare("SELECT data FROM holiday_override ORDER BY year")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            out.push(serde_json::from_str(&json?)?);
        }
        Ok(out)
    })
}

/// A holiday calendar with the stored overrides, each with the fixed
/// statutory holidays it may have left out (lists stored before that rule).
pub fn calendar(db: &Database) -> CoreResult<HolidayCalendar> {
    let years = load(db)?
        .into_iter()
        .map(YearOverride::with_fixed_holidays)
        .collect::<CoreResult<Vec<_>>>()?;
    HolidayCalendar::with_overrides(years)
}

/// Stores (replaces) the override of its year, after checking it and
/// putting back the fixed statutory holidays it left out.
pub fn save(db: &Database, year_override: &YearOverride) -> CoreResult<()> {
    let year_override = &year_override.clone().with_fixed_holidays()?;
    // Checks dates lie in the year and are not listed twice.
    let mut check = HolidayCalendar::new();
    check.set_override(year_override.clone())?;
    if year_override.days_off.is_empty() {
        return Err(CoreError::invalid(
            "year_override",
            "Danh sách ngày nghỉ trống.",
            "The list of days off is empty.",
        ));
    }
    db.write(|tx| {
        tx.execute(
            "INSERT INTO holiday_override (year, data) VALUES (?1, ?2)
             ON CONFLICT (year) DO UPDATE SET data = ?2",
            params![year_override.year, serde_json::to_string(year_override)?],
        )?;
        Ok(())
    })
}
