//! The schema of the on-device database. Append new steps; never edit a
//! step that has shipped.

use super::migration::{Migration, Schema};

/// The on-device (client) schema.
pub const CLIENT_SCHEMA: Schema = Schema {
    name: "client",
    migrations: &[
        Migration {
            version: 1,
            name: "settings",
            sql: "CREATE TABLE settings (
                key   TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 2,
            name: "dossier cache",
            sql: "CREATE TABLE dossier (
                id             TEXT PRIMARY KEY NOT NULL,
                procedure_code TEXT NOT NULL,
                office_id      TEXT NOT NULL,
                status_code    INTEGER NOT NULL CHECK (status_code BETWEEN 1 AND 10),
                submitted_at   TEXT NOT NULL,
                fetched_at     TEXT NOT NULL
            ) STRICT;
            CREATE INDEX dossier_by_submitted ON dossier (submitted_at DESC);",
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::upgrade_check::{Fixture, check_upgrades};

    /// Rows written at each version; each must survive every later upgrade.
    const FIXTURES: &[Fixture] = &[
        Fixture {
            version: 1,
            insert: "INSERT INTO settings (key, value) VALUES ('language', 'vi')",
            check: "SELECT count(*) FROM settings WHERE key = 'language' AND value = 'vi'",
        },
        Fixture {
            version: 2,
            insert: "INSERT INTO dossier VALUES ('d1', '1.001612', 'hn-hoankiem', 1, '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')",
            check: "SELECT count(*) FROM dossier WHERE id = 'd1' AND status_code = 1",
        },
    ];

    #[test]
    fn client_database_upgrades_from_every_older_version_with_data_intact() {
        check_upgrades(&CLIENT_SCHEMA, FIXTURES).unwrap();
    }

    #[test]
    fn every_version_has_a_fixture() {
        for v in 1..=CLIENT_SCHEMA.latest() {
            assert!(
                FIXTURES.iter().any(|f| f.version == v),
                "no fixture for v{v}"
            );
        }
    }
}
