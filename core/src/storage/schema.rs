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
        Migration {
            version: 3,
            name: "catalogue and draft dossiers",
            sql: "CREATE TABLE catalogue (
                id           INTEGER PRIMARY KEY CHECK (id = 1),
                version      TEXT NOT NULL,
                etag         TEXT,
                data         TEXT NOT NULL,
                installed_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE draft (
                id             TEXT PRIMARY KEY NOT NULL,
                procedure_code TEXT NOT NULL,
                profile        TEXT NOT NULL,
                created_at     TEXT NOT NULL,
                updated_at     TEXT NOT NULL
            ) STRICT;
            CREATE TABLE draft_tick (
                draft_id    TEXT NOT NULL REFERENCES draft (id) ON DELETE CASCADE,
                document_id TEXT NOT NULL,
                ticked_at   TEXT NOT NULL,
                PRIMARY KEY (draft_id, document_id)
            ) STRICT;",
        },
        Migration {
            version: 4,
            name: "offices, slots and bookings for offline viewing",
            sql: "CREATE TABLE office_cache (
                id         TEXT PRIMARY KEY NOT NULL,
                data       TEXT NOT NULL,
                fetched_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE slot_cache (
                office_id  TEXT NOT NULL,
                day        TEXT NOT NULL,
                data       TEXT NOT NULL,
                fetched_at TEXT NOT NULL,
                PRIMARY KEY (office_id, day)
            ) STRICT;
            CREATE TABLE booking (
                id         TEXT PRIMARY KEY NOT NULL,
                data       TEXT NOT NULL,
                slot_start TEXT NOT NULL,
                fetched_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE holiday_year (
                year       INTEGER PRIMARY KEY NOT NULL,
                data       TEXT NOT NULL,
                fetched_at TEXT NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 5,
            name: "dossier details and codes, draft delivery, QR keyring",
            sql: "ALTER TABLE dossier ADD COLUMN code TEXT;
            ALTER TABLE dossier ADD COLUMN data TEXT;
            CREATE INDEX dossier_by_code ON dossier (code);
            ALTER TABLE draft ADD COLUMN office_id TEXT;
            ALTER TABLE draft ADD COLUMN booking_id TEXT;
            ALTER TABLE draft ADD COLUMN delivery TEXT NOT NULL DEFAULT '{\"kind\":\"pickup\"}';
            CREATE TABLE keyring (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                data       TEXT NOT NULL,
                etag       TEXT,
                fetched_at TEXT NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 6,
            name: "tracking timelines, notifications, field worklist, action log and outbox",
            sql: "CREATE TABLE track (
                dossier_id   TEXT PRIMARY KEY NOT NULL,
                dossier_code TEXT,
                s10          TEXT,
                data         TEXT NOT NULL,
                cursor       INTEGER NOT NULL DEFAULT 0,
                refreshed_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX track_by_code ON track (dossier_code);
            CREATE INDEX track_by_item ON track (s10);
            CREATE TABLE track_event (
                dossier_id TEXT NOT NULL,
                seq        INTEGER NOT NULL,
                data       TEXT NOT NULL,
                PRIMARY KEY (dossier_id, seq)
            ) STRICT;
            CREATE TABLE notification (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                dossier_id TEXT NOT NULL,
                event_seq  INTEGER NOT NULL,
                data       TEXT NOT NULL,
                created_at TEXT NOT NULL,
                shown_at   TEXT,
                UNIQUE (dossier_id, event_seq)
            ) STRICT;
            CREATE TABLE worklist_visit (
                id         TEXT PRIMARY KEY NOT NULL,
                data       TEXT NOT NULL,
                fetched_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE field_log (
                seq         INTEGER PRIMARY KEY NOT NULL,
                key         TEXT NOT NULL UNIQUE,
                prev_hash   TEXT NOT NULL,
                hash        TEXT NOT NULL,
                payload     TEXT NOT NULL,
                visit_id    TEXT NOT NULL,
                kind        TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                outcome     TEXT,
                reason      TEXT
            ) STRICT;
            CREATE INDEX field_log_by_visit ON field_log (visit_id, seq);
            CREATE TABLE outbox (
                key        TEXT PRIMARY KEY NOT NULL,
                log_seq    INTEGER NOT NULL UNIQUE,
                attempts   INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at TEXT NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 7,
            name: "receipt check codes of dossiers tracked by code",
            sql: "CREATE TABLE track_check (
                lookup     TEXT PRIMARY KEY NOT NULL,
                check_code TEXT NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 8,
            name: "wedged field actions: retried or set aside",
            sql: "ALTER TABLE field_log ADD COLUMN resolution TEXT
                CHECK (resolution IN ('retried', 'set_aside'));
            ALTER TABLE field_log ADD COLUMN resolution_note TEXT;
            ALTER TABLE field_log ADD COLUMN resolved_at TEXT;
            CREATE INDEX field_log_wedged ON field_log (seq)
                WHERE outcome IN ('rejected', 'quarantined') AND resolution IS NULL;",
        },
        Migration {
            version: 9,
            name: "field logs per account on shared phones",
            sql: "ALTER TABLE field_log ADD COLUMN account_id TEXT NOT NULL DEFAULT '';
            ALTER TABLE field_log ADD COLUMN chain_seq INTEGER;
            UPDATE field_log SET chain_seq = seq;
            CREATE UNIQUE INDEX field_log_chain ON field_log (account_id, chain_seq);",
        },
        Migration {
            version: 10,
            name: "the real catalogue: unsourced x.* codes become national codes; format 1 catalogues dropped",
            sql: "UPDATE draft SET procedure_code = CASE procedure_code WHEN 'x.cap-phieu-ly-lich-tu-phap' THEN '3.000333' WHEN 'x.doi-giay-phep-lai-xe' THEN '3.000347' WHEN 'x.dang-ky-ho-kinh-doanh' THEN '1.001612' WHEN 'x.cap-lai-the-bhyt' THEN '1.001294' WHEN 'x.cap-giay-chung-nhan-dat-lan-dau' THEN '1.013978' WHEN 'x.cap-the-can-cuoc' THEN '1.014061' WHEN 'x.tro-cap-mai-tang-nguoi-co-cong' THEN '1.010824' ELSE procedure_code END WHERE procedure_code LIKE 'x.%';
            UPDATE dossier SET procedure_code = CASE procedure_code WHEN 'x.cap-phieu-ly-lich-tu-phap' THEN '3.000333' WHEN 'x.doi-giay-phep-lai-xe' THEN '3.000347' WHEN 'x.dang-ky-ho-kinh-doanh' THEN '1.001612' WHEN 'x.cap-lai-the-bhyt' THEN '1.001294' WHEN 'x.cap-giay-chung-nhan-dat-lan-dau' THEN '1.013978' WHEN 'x.cap-the-can-cuoc' THEN '1.014061' WHEN 'x.tro-cap-mai-tang-nguoi-co-cong' THEN '1.010824' ELSE procedure_code END WHERE procedure_code LIKE 'x.%';
            DELETE FROM catalogue;",
        },
        Migration {
            version: 11,
            name: "the catalogue's search index, kept between starts",
            sql: "CREATE TABLE search_index (
                id   INTEGER PRIMARY KEY CHECK (id = 1),
                key  TEXT NOT NULL,
                data BLOB NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 12,
            name: "pages of drafts, the filing queue, files of field actions",
            sql: "CREATE TABLE page (
                draft_id    TEXT NOT NULL REFERENCES draft (id) ON DELETE CASCADE,
                document_id TEXT NOT NULL,
                page        INTEGER NOT NULL CHECK (page >= 1),
                sha256      TEXT NOT NULL,
                bytes       INTEGER NOT NULL,
                type        TEXT NOT NULL,
                added_at    TEXT NOT NULL,
                PRIMARY KEY (draft_id, document_id, page)
            ) STRICT;
            CREATE INDEX page_by_sha ON page (sha256);
            CREATE TABLE filing (
                draft_id   TEXT PRIMARY KEY NOT NULL REFERENCES draft (id) ON DELETE CASCADE,
                account_id TEXT NOT NULL,
                queued_at  TEXT NOT NULL,
                error      TEXT
            ) STRICT;
            CREATE TABLE action_file (
                key    TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                bytes  INTEGER NOT NULL,
                type   TEXT NOT NULL,
                PRIMARY KEY (key, sha256)
            ) STRICT;",
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
            insert: "INSERT INTO dossier (id, procedure_code, office_id, status_code, submitted_at, fetched_at) VALUES ('d1', '1.001612', 'hn-hoankiem', 1, '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z')",
            check: "SELECT count(*) FROM dossier WHERE id = 'd1' AND status_code = 1",
        },
        Fixture {
            version: 3,
            insert: "INSERT INTO catalogue VALUES (1, '2026.11.1', '\"e1\"', '{}', '2026-01-01T00:00:00Z');
                     INSERT INTO draft (id, procedure_code, profile, created_at, updated_at) VALUES ('r1', '1.001193', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                     INSERT INTO draft_tick VALUES ('r1', 'birth_certificate', '2026-01-01T00:00:00Z');",
            // The format 1 catalogue row is dropped by v10 on purpose.
            check: "SELECT count(*) FROM draft_tick JOIN draft ON draft.id = draft_tick.draft_id",
        },
        Fixture {
            version: 4,
            insert: "INSERT INTO office_cache VALUES ('o1', '{}', '2026-01-01T00:00:00Z');
                     INSERT INTO slot_cache VALUES ('o1', '2026-03-02', '[]', '2026-01-01T00:00:00Z');
                     INSERT INTO booking VALUES ('b1', '{}', '2026-03-02T01:00:00Z', '2026-01-01T00:00:00Z');
                     INSERT INTO holiday_year VALUES (2027, '{}', '2026-01-01T00:00:00Z');",
            check: "SELECT count(*) FROM office_cache JOIN slot_cache ON slot_cache.office_id = office_cache.id JOIN booking ON booking.id = 'b1' JOIN holiday_year ON year = 2027",
        },
        Fixture {
            version: 5,
            insert: "UPDATE dossier SET code = '000.00.01.H26-260102-0001', data = '{}' WHERE id = 'd1';
                     UPDATE draft SET office_id = 'o1', booking_id = 'b1', delivery = '{\"kind\":\"home\",\"address\":\"1 Tràng Tiền\"}' WHERE id = 'r1';
                     INSERT INTO keyring VALUES (1, '{\"keys\":[],\"revocations\":[]}', NULL, '2026-01-01T00:00:00Z');",
            check: "SELECT count(*) FROM dossier JOIN draft ON draft.booking_id = 'b1' AND json_extract(draft.delivery, '$.kind') = 'home'
                    JOIN keyring ON keyring.id = 1 WHERE dossier.code IS NOT NULL",
        },
        Fixture {
            version: 6,
            insert: "INSERT INTO track VALUES ('d1', 'c1', NULL, '{}', 3, '2026-01-01T00:00:00Z');
                     INSERT INTO track_event VALUES ('d1', 3, '{}');
                     INSERT INTO notification (dossier_id, event_seq, data, created_at) VALUES ('d1', 3, '{}', '2026-01-01T00:00:00Z');
                     INSERT INTO worklist_visit VALUES ('v1', '{}', '2026-01-01T00:00:00Z');
                     INSERT INTO field_log (seq, key, prev_hash, hash, payload, visit_id, kind, recorded_at, outcome, reason) VALUES (1, 'k1', 'p', 'h', '{}', 'v1', 'fail', '2026-01-01T00:00:00Z', NULL, NULL);
                     INSERT INTO outbox VALUES ('k1', 1, 0, NULL, '2026-01-01T00:00:00Z');",
            check: "SELECT count(*) FROM track JOIN track_event USING (dossier_id) JOIN notification USING (dossier_id)
                    JOIN field_log ON field_log.visit_id = 'v1' JOIN outbox ON outbox.log_seq = field_log.seq
                    JOIN worklist_visit ON worklist_visit.id = field_log.visit_id",
        },
        Fixture {
            version: 7,
            insert: "INSERT INTO track_check VALUES ('c1', '123456');",
            check: "SELECT count(*) FROM track_check JOIN track ON track.dossier_code = track_check.lookup",
        },
        Fixture {
            version: 8,
            insert: "UPDATE field_log SET outcome = 'rejected', reason = 'wrong_item', resolution = 'set_aside', resolution_note = 'wrong parcel', resolved_at = '2026-01-02T00:00:00Z' WHERE seq = 1;",
            check: "SELECT count(*) FROM field_log WHERE resolution = 'set_aside' AND resolution_note = 'wrong parcel'",
        },
        Fixture {
            version: 9,
            // Rows older fixtures insert into a v9 database carry no chain_seq.
            insert: "UPDATE field_log SET chain_seq = seq WHERE chain_seq IS NULL;
                     INSERT INTO field_log (key, prev_hash, hash, payload, visit_id, kind, recorded_at, account_id, chain_seq)
                     VALUES ('k2', 'h', 'h2', '{}', 'v1', 'fail', '2026-01-03T00:00:00Z', 'acc-b', 1);",
            check: "SELECT count(*) FROM field_log a JOIN field_log b ON a.key = 'k1' AND a.account_id = '' AND a.chain_seq = 1
                    AND b.account_id = 'acc-b' AND b.chain_seq = 1",
        },
        Fixture {
            version: 9,
            insert: "INSERT INTO draft (id, procedure_code, profile, created_at, updated_at) VALUES ('r9', 'x.cap-the-can-cuoc', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
            check: "SELECT count(*) FROM draft WHERE id = 'r9' AND procedure_code = '1.014061'",
        },
        Fixture {
            version: 10,
            // From v10 on the app writes national codes only.
            insert: "INSERT OR REPLACE INTO catalogue VALUES (1, '2026.12.1', NULL, '{}', '2026-12-01T00:00:00Z');
                     UPDATE draft SET procedure_code = '1.014061' WHERE id = 'r9';",
            check: "SELECT count(*) FROM draft WHERE id = 'r1' AND procedure_code = '1.001193'",
        },
        Fixture {
            version: 11,
            insert: "INSERT INTO search_index VALUES (1, 'v:1:0', x'00');",
            check: "SELECT count(*) FROM search_index WHERE key = 'v:1:0'",
        },
        Fixture {
            version: 12,
            insert: "INSERT INTO page VALUES ('r1', 'cccd', 1, 'aa', 10, 'jpeg', '2026-01-01T00:00:00Z');
                     INSERT INTO filing VALUES ('r1', 'acc', '2026-01-01T00:00:00Z', NULL);
                     INSERT INTO action_file VALUES ('k1', 'bb', 10, 'png');",
            check: "SELECT count(*) FROM page JOIN filing USING (draft_id) JOIN action_file ON action_file.key = 'k1'",
        },
    ];

    #[test]
    fn client_database_upgrades_from_every_older_version_with_data_intact() {
        check_upgrades(&CLIENT_SCHEMA, FIXTURES).unwrap();
    }

    #[test]
    fn client_migrations_call_no_function_the_phone_build_omits() {
        // scripts/mobile-env.sh builds SQLite without JSON functions,
        // soundex or extension loading.
        for m in CLIENT_SCHEMA.migrations {
            let sql = m.sql.to_ascii_lowercase();
            for omitted in ["json", "soundex", "load_extension"] {
                assert!(!sql.contains(omitted), "v{} uses {omitted}", m.version);
            }
        }
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
