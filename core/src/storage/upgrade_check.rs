//! Test support: builds a database at every older schema version, fills it
//! with rows of that version, migrates it to the latest version, and checks
//! the rows survived and the schema equals a fresh one.

use rusqlite::Connection;

use super::migration::Schema;

/// Rows that exist from `version` on, and a query proving they are intact.
#[derive(Debug, Clone, Copy)]
pub struct Fixture {
    /// The first schema version these rows fit.
    pub version: u32,
    /// SQL inserting the rows.
    pub insert: &'static str,
    /// A query returning one integer, 1 when the rows are intact.
    pub check: &'static str,
}

/// Upgrades from every version `0..latest` and reports the first problem.
pub fn check_upgrades(schema: &Schema, fixtures: &[Fixture]) -> Result<(), String> {
    let fresh = {
        let mut conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
        schema.migrate(&mut conn).map_err(|e| e.to_string())?;
        schema_dump(&conn)?
    };
    for start in 0..schema.latest() {
        let mut conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
        schema
            .migrate_to(&mut conn, start)
            .map_err(|e| format!("building v{start}: {e}"))?;
        for f in fixtures.iter().filter(|f| f.version <= start) {
            conn.execute_batch(f.insert)
                .map_err(|e| format!("fixture v{} at v{start}: {e}", f.version))?;
        }
        let reached = schema
            .migrate(&mut conn)
            .map_err(|e| format!("upgrading from v{start}: {e}"))?;
        if reached != schema.latest() {
            return Err(format!("upgrade from v{start} stopped at v{reached}"));
        }
        for f in fixtures.iter().filter(|f| f.version <= start) {
            let n: i64 = conn
                .query_row(f.check, [], |r| r.get(0))
                .map_err(|e| format!("check v{} after upgrade from v{start}: {e}", f.version))?;
            if n != 1 {
                return Err(format!(
                    "rows of v{} lost when upgrading from v{start} ({} rows for: {})",
                    f.version, n, f.check
                ));
            }
        }
        let dump = schema_dump(&conn)?;
        if dump != fresh {
            return Err(format!(
                "schema upgraded from v{start} differs from a fresh one:\n{dump}\n---\n{fresh}"
            ));
        }
    }
    Ok(())
}

fn schema_dump(conn: &Connection) -> Result<String, String> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .map_err(|e| e.to_string())?;
    let rows = stmt
        .query_map([], |r| {
            let sql: Option<String> = r.get(2)?;
            Ok(format!(
                "{} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                sql.unwrap_or_default()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            ))
        })
        .map_err(|e| e.to_string())?;
    let lines: Result<Vec<String>, _> = rows.collect();
    Ok(lines.map_err(|e| e.to_string())?.join("\n"))
}
