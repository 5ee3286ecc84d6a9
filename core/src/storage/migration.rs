//! Versioned schema migrations: an ordered list of SQL steps; the version a
//! database is at lives in `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{CoreError, CoreResult, ErrorKind};

/// One step of a schema: run once, in order, to go from `version - 1` to `version`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version the database is at after this step (1, 2, ...).
    pub version: u32,
    /// What the step does, for logs.
    pub name: &'static str,
    /// The SQL run in the step's transaction.
    pub sql: &'static str,
}

/// A whole schema: its migrations in order, numbered 1..=N without gaps.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// A name for logs and errors (e.g. `client`, `server`).
    pub name: &'static str,
    /// The steps, in order.
    pub migrations: &'static [Migration],
}

impl Schema {
    /// The version a fully migrated database is at.
    pub fn latest(&self) -> u32 {
        self.migrations.last().map_or(0, |m| m.version)
    }

    /// Brings `conn` from its current version to [`Schema::latest`], each
    /// step in its own IMMEDIATE transaction together with the version bump,
    /// so a crash leaves the database at a whole version.
    ///
    /// A database written by a newer version of the software is refused and
    /// left untouched.
    pub fn migrate(&self, conn: &mut Connection) -> CoreResult<u32> {
        self.migrate_to(conn, self.latest())
    }

    /// Like [`Schema::migrate`] but stops at `target` (used to build old
    /// databases in tests).
    pub fn migrate_to(&self, conn: &mut Connection, target: u32) -> CoreResult<u32> {
        self.check_numbering()?;
        let current = version_of(conn)?;
        if current > self.latest() {
            return Err(CoreError::new(
                ErrorKind::Storage,
                "",
                format!(
                    "Cơ sở dữ liệu ({}) ở phiên bản {current}, mới hơn phần mềm này ({}). Hãy cập nhật ứng dụng.",
                    self.name,
                    self.latest()
                ),
                format!(
                    "The {} database is at schema {current}, newer than this software ({}). Please update the app.",
                    self.name,
                    self.latest()
                ),
            ));
        }
        for step in self
            .migrations
            .iter()
            .filter(|m| m.version > current && m.version <= target)
        {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Another process opening the same new file may have run this
            // step while we waited for the write lock: read again inside it.
            if version_of(&tx)? >= step.version {
                tx.commit()?;
                continue;
            }
            tx.execute_batch(step.sql)?;
            tx.pragma_update(None, "user_version", step.version)?;
            tx.commit()?;
            tracing::info!(
                schema = self.name,
                version = step.version,
                step = step.name,
                "migrated"
            );
        }
        version_of(conn)
    }

    fn check_numbering(&self) -> CoreResult<()> {
        for (i, m) in self.migrations.iter().enumerate() {
            if m.version as usize != i + 1 {
                return Err(CoreError::internal(format!(
                    "{} migration {} is numbered {}",
                    self.name,
                    i + 1,
                    m.version
                )));
            }
        }
        Ok(())
    }
}

/// The schema version recorded in the database.
pub fn version_of(conn: &Connection) -> CoreResult<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: Schema = Schema {
        name: "test",
        migrations: &[
            Migration {
                version: 1,
                name: "a",
                sql: "CREATE TABLE a (x INTEGER);",
            },
            Migration {
                version: 2,
                name: "b",
                sql: "CREATE TABLE b (y INTEGER);",
            },
        ],
    };

    #[test]
    fn a_newer_database_is_refused_and_left_untouched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 9).unwrap();
        let err = TWO.migrate(&mut conn).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Storage);
        assert_eq!(version_of(&conn).unwrap(), 9);
    }

    #[test]
    fn a_failing_step_leaves_the_previous_version_whole() {
        const BAD: Schema = Schema {
            name: "bad",
            migrations: &[
                Migration {
                    version: 1,
                    name: "ok",
                    sql: "CREATE TABLE a (x INTEGER);",
                },
                Migration {
                    version: 2,
                    name: "broken",
                    sql: "CREATE TABLE c (z INTEGER); THIS IS NOT SQL;",
                },
            ],
        };
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(BAD.migrate(&mut conn).is_err());
        assert_eq!(version_of(&conn).unwrap(), 1);
        let c_exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'c'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(c_exists, 0, "half a step must not be kept");
    }

    #[test]
    fn gaps_in_numbering_are_refused() {
        const GAP: Schema = Schema {
            name: "gap",
            migrations: &[Migration {
                version: 2,
                name: "x",
                sql: "",
            }],
        };
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(
            GAP.migrate(&mut conn).unwrap_err().kind(),
            ErrorKind::Internal
        );
    }
}
