//! The agent offices: loaded from a JSON file (bundled sample by default)
//! into the database on start.

use dvc_core::api::model::{Office, Operator};
use dvc_core::dossier::code::UnitCode;
use dvc_core::storage::Database;
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

/// The bundled office list (phase-1 network; sample entries are marked).
pub const BUNDLED: &str = include_str!("../data/offices.json");

#[derive(Deserialize)]
struct OfficeFile {
    offices: Vec<Office>,
}

/// Parses an office file (`{"offices": [...]}`).
pub fn parse(json: &str) -> CoreResult<Vec<Office>> {
    let file: OfficeFile = serde_json::from_str(json)?;
    if file.offices.is_empty() {
        return Err(CoreError::invalid(
            "offices",
            "Danh sách bưu cục trống.",
            "The office list is empty.",
        ));
    }
    let mut units = std::collections::HashSet::new();
    for o in &file.offices {
        let unit: UnitCode = o.unit_code.parse()?;
        if !units.insert(unit) {
            return Err(CoreError::invalid(
                "unit_code",
                format!("Mã đơn vị {} trùng nhau.", o.unit_code),
                format!("Unit code {} is used twice.", o.unit_code),
            ));
        }
    }
    Ok(file.offices)
}

/// Inserts or updates `offices` (one transaction).
pub fn load(db: &Database, offices: &[Office]) -> CoreResult<()> {
    db.write(|tx| {
        // Offices dropped from the list stay (accounts and dossiers refer
        // to them) but are no longer published.
        tx.execute("UPDATE office SET active = 0", [])?;
        for o in offices {
            tx.execute(
                "INSERT INTO office (id, name, operator, address, sample, data, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, operator = ?3, address = ?4, sample = ?5, data = ?6, active = 1",
                params![o.id, o.name, operator_name(o.operator), o.address, o.sample, serde_json::to_string(o)?],
            )?;
        }
        Ok(())
    })
}

/// All offices: sourced ones first, then by id.
pub fn all(conn: &Connection) -> CoreResult<Vec<Office>> {
    let mut stmt =
        conn.prepare_cached("SELECT data FROM office WHERE active = 1 ORDER BY sample, id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(serde_json::from_str(&json?)?);
    }
    Ok(out)
}

/// One office.
pub fn one(conn: &Connection, id: &str) -> CoreResult<Office> {
    let json: Option<String> = conn
        .query_row("SELECT data FROM office WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    match json {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => Err(CoreError::not_found(
            format!("Không có bưu cục «{id}»."),
            format!("No office “{id}”."),
        )),
    }
}

fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::VietnamPost => "vietnam_post",
        Operator::ViettelPost => "viettel_post",
        Operator::FptShop => "fpt_shop",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_parses_and_marks_unsourced_offices_as_sample() {
        let offices = parse(BUNDLED).unwrap();
        let hk = offices.iter().find(|o| o.id == "vnp-hoan-kiem").unwrap();
        assert!(!hk.sample);
        assert!(hk.address.contains("75 Đinh Tiên Hoàng"));
        assert!(
            offices
                .iter()
                .filter(|o| o.id != "vnp-hoan-kiem")
                .all(|o| o.sample)
        );
    }
}
