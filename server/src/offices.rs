//! The agent offices: loaded from a JSON file (bundled sample by default)
//! into the database on start.

use dvc_core::api::model::{Office, Operator};
use dvc_core::storage::Database;
use dvc_core::{CoreError, CoreResult};
use rusqlite::{Connection, params};
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
    Ok(file.offices)
}

/// Inserts or updates `offices` (one transaction).
pub fn load(db: &Database, offices: &[Office]) -> CoreResult<()> {
    db.write(|tx| {
        for o in offices {
            tx.execute(
                "INSERT INTO office (id, name, operator, address, sample) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, operator = ?3, address = ?4, sample = ?5",
                params![o.id, o.name, operator_name(o.operator), o.address, o.sample],
            )?;
        }
        Ok(())
    })
}

/// All offices, by id.
pub fn all(conn: &Connection) -> CoreResult<Vec<Office>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, operator, address, sample FROM office ORDER BY sample, id",
    )?;
    let rows = stmt.query_map([], |r| {
        let op: String = r.get(2)?;
        Ok(Office {
            id: r.get(0)?,
            name: r.get(1)?,
            operator: parse_operator(&op),
            address: r.get(3)?,
            sample: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::VietnamPost => "vietnam_post",
        Operator::ViettelPost => "viettel_post",
        Operator::FptShop => "fpt_shop",
    }
}

fn parse_operator(s: &str) -> Operator {
    match s {
        "viettel_post" => Operator::ViettelPost,
        "fpt_shop" => Operator::FptShop,
        _ => Operator::VietnamPost,
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
