//! The server's database schema. Append new steps; never edit a shipped one.

use dvc_core::storage::{Migration, Schema};

/// The reference server's schema.
pub const SERVER_SCHEMA: Schema = Schema {
    name: "server",
    migrations: &[
        Migration {
            version: 1,
            name: "offices and accounts",
            sql: "CREATE TABLE office (
                id       TEXT PRIMARY KEY NOT NULL,
                name     TEXT NOT NULL,
                operator TEXT NOT NULL,
                address  TEXT NOT NULL,
                sample   INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE account (
                id            TEXT PRIMARY KEY NOT NULL,
                kind          TEXT NOT NULL CHECK (kind IN ('citizen', 'staff')),
                phone         TEXT UNIQUE,
                username      TEXT UNIQUE,
                password_hash TEXT,
                office_id     TEXT REFERENCES office (id),
                staff_role    TEXT CHECK (staff_role IN ('counter', 'field')),
                created_at    TEXT NOT NULL,
                CHECK ((kind = 'citizen' AND phone IS NOT NULL)
                    OR (kind = 'staff' AND username IS NOT NULL AND password_hash IS NOT NULL
                        AND office_id IS NOT NULL AND staff_role IS NOT NULL))
            ) STRICT;
            CREATE TABLE otp (
                phone      TEXT PRIMARY KEY NOT NULL,
                code_hash  TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                sent_at    TEXT NOT NULL,
                attempts   INTEGER NOT NULL DEFAULT 0
            ) STRICT;
            CREATE TABLE token (
                hash       TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
                expires_at TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 2,
            name: "dossiers and idempotency keys",
            sql: "CREATE TABLE dossier (
                id             TEXT PRIMARY KEY NOT NULL,
                owner_id       TEXT NOT NULL REFERENCES account (id),
                procedure_code TEXT NOT NULL,
                office_id      TEXT NOT NULL REFERENCES office (id),
                status_code    INTEGER NOT NULL CHECK (status_code BETWEEN 1 AND 10),
                submitted_at   TEXT NOT NULL
            ) STRICT;
            CREATE INDEX dossier_by_owner ON dossier (owner_id);
            CREATE INDEX dossier_by_office ON dossier (office_id);
            CREATE TABLE idempotency (
                account_id TEXT NOT NULL REFERENCES account (id),
                key        TEXT NOT NULL,
                route      TEXT NOT NULL,
                status     INTEGER NOT NULL,
                body       TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (account_id, key)
            ) STRICT;",
        },
        Migration {
            version: 3,
            name: "office details, bookings, holiday overrides",
            sql: "ALTER TABLE office ADD COLUMN data TEXT NOT NULL DEFAULT '{}';
            ALTER TABLE office ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
            UPDATE office SET data = json_object(
                'id', id, 'name', name, 'operator', operator, 'address', address,
                'ward', '', 'province', 'Hà Nội', 'latitude', 0.0, 'longitude', 0.0,
                'hours', json('[]'), 'services', json('[]'), 'counters', 1, 'capacity_per_slot', 1,
                'sample', json(CASE sample WHEN 0 THEN 'false' ELSE 'true' END),
                'note', 'Migrated from schema 2; reload the office list.');
            CREATE TABLE booking (
                id             TEXT PRIMARY KEY NOT NULL,
                citizen_id     TEXT NOT NULL REFERENCES account (id),
                office_id      TEXT NOT NULL REFERENCES office (id),
                slot_start     TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
                priority       TEXT CHECK (priority IN ('elderly', 'disability', 'pregnant', 'merit')),
                status         TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
                created_at     TEXT NOT NULL,
                updated_at     TEXT NOT NULL
            ) STRICT;
            CREATE INDEX booking_by_slot ON booking (office_id, slot_start) WHERE status = 'active';
            CREATE INDEX booking_by_citizen ON booking (citizen_id, status);
            CREATE TABLE holiday_override (
                year INTEGER PRIMARY KEY NOT NULL,
                data TEXT NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 4,
            name: "dossier codes, signing keys, revocations",
            sql: "ALTER TABLE dossier ADD COLUMN code TEXT;
            ALTER TABLE dossier ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
            ALTER TABLE dossier ADD COLUMN qr TEXT;
            ALTER TABLE dossier ADD COLUMN qr_issued_at TEXT;
            CREATE UNIQUE INDEX dossier_by_code ON dossier (code) WHERE code IS NOT NULL;
            CREATE TABLE dossier_sequence (
                unit_code TEXT NOT NULL,
                day       TEXT NOT NULL,
                last      INTEGER NOT NULL CHECK (last BETWEEN 1 AND 9999),
                PRIMARY KEY (unit_code, day)
            ) STRICT;
            CREATE TABLE signing_key (
                id          TEXT PRIMARY KEY NOT NULL,
                secret      BLOB NOT NULL CHECK (length(secret) = 32),
                public_key  TEXT NOT NULL,
                valid_from  TEXT NOT NULL,
                valid_until TEXT,
                created_at  TEXT NOT NULL
            ) STRICT;
            CREATE TABLE revocation (
                dossier_code  TEXT NOT NULL,
                issued_before TEXT NOT NULL,
                reason        TEXT NOT NULL,
                created_at    TEXT NOT NULL,
                PRIMARY KEY (dossier_code, issued_before)
            ) STRICT;",
        },
        Migration {
            version: 5,
            name: "tracking events, postal items, home visits, staff action logs",
            sql: "CREATE TABLE dossier_event (
                seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                dossier_id  TEXT NOT NULL,
                at          TEXT NOT NULL,
                kind        TEXT NOT NULL,
                status_code INTEGER,
                s10         TEXT,
                attempt     INTEGER,
                text_vi     TEXT NOT NULL,
                text_en     TEXT NOT NULL
            ) STRICT;
            CREATE INDEX dossier_event_by_dossier ON dossier_event (dossier_id, seq);
            INSERT INTO dossier_event (dossier_id, at, kind, status_code, text_vi, text_en)
                SELECT id, submitted_at, 'status', status_code,
                       'Trạng thái hồ sơ: mã ' || status_code, 'Dossier status: code ' || status_code
                FROM dossier ORDER BY submitted_at, id;
            CREATE TABLE postal_item (
                s10             TEXT PRIMARY KEY NOT NULL,
                dossier_id      TEXT NOT NULL,
                step            TEXT NOT NULL,
                handed_at       TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                first_failed_at TEXT
            ) STRICT;
            CREATE INDEX postal_item_by_dossier ON postal_item (dossier_id);
            CREATE TABLE postal_sequence (
                service TEXT PRIMARY KEY NOT NULL,
                last    INTEGER NOT NULL
            ) STRICT;
            CREATE TABLE visit (
                id              TEXT PRIMARY KEY NOT NULL,
                kind            TEXT NOT NULL CHECK (kind IN ('pickup', 'delivery')),
                assignee_id     TEXT NOT NULL,
                office_id       TEXT NOT NULL,
                dossier_id      TEXT,
                s10             TEXT,
                state           TEXT NOT NULL,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                data            TEXT NOT NULL,
                created_at      TEXT NOT NULL,
                updated_at      TEXT NOT NULL
            ) STRICT;
            CREATE INDEX visit_by_assignee ON visit (assignee_id, state);
            CREATE TABLE staff_action (
                key         TEXT PRIMARY KEY NOT NULL,
                device_id   TEXT NOT NULL,
                staff_id    TEXT NOT NULL,
                seq         INTEGER NOT NULL,
                prev_hash   TEXT NOT NULL,
                hash        TEXT NOT NULL,
                payload     TEXT NOT NULL,
                kind        TEXT NOT NULL,
                visit_id    TEXT NOT NULL,
                outcome     TEXT NOT NULL,
                reason      TEXT,
                received_at TEXT NOT NULL
            ) STRICT;
            CREATE INDEX staff_action_by_device ON staff_action (device_id, seq);
            CREATE TABLE device_chain (
                device_id TEXT PRIMARY KEY NOT NULL,
                staff_id  TEXT NOT NULL,
                last_seq  INTEGER NOT NULL,
                last_hash TEXT NOT NULL
            ) STRICT;
            CREATE TABLE chain_break (
                id        INTEGER PRIMARY KEY AUTOINCREMENT,
                device_id TEXT NOT NULL,
                staff_id  TEXT NOT NULL,
                seq       INTEGER NOT NULL,
                kind      TEXT NOT NULL,
                found_at  TEXT NOT NULL
            ) STRICT;",
        },
        Migration {
            version: 6,
            name: "sign-in lockouts, disabled staff, track check codes, field keys per device",
            sql: "CREATE TABLE sign_in_guard (
                subject         TEXT PRIMARY KEY NOT NULL,
                failures        INTEGER NOT NULL DEFAULT 0,
                lock_level      INTEGER NOT NULL DEFAULT 0,
                locked_until    TEXT,
                last_failure_at TEXT,
                day             TEXT,
                sent            INTEGER NOT NULL DEFAULT 0
            ) STRICT;
            ALTER TABLE account ADD COLUMN disabled_at TEXT;
            ALTER TABLE dossier ADD COLUMN track_check TEXT;
            UPDATE dossier SET track_check = printf('%06d', abs(random() % 1000000));
            ALTER TABLE dossier_event ADD COLUMN staff_note TEXT;
            CREATE INDEX dossier_by_owner_day ON dossier (owner_id, submitted_at);
            CREATE TABLE staff_action_v6 (
                staff_id    TEXT NOT NULL,
                device_id   TEXT NOT NULL,
                key         TEXT NOT NULL,
                seq         INTEGER NOT NULL,
                prev_hash   TEXT NOT NULL,
                hash        TEXT NOT NULL,
                payload     TEXT NOT NULL,
                kind        TEXT NOT NULL,
                visit_id    TEXT NOT NULL,
                outcome     TEXT NOT NULL,
                reason      TEXT,
                received_at TEXT NOT NULL,
                PRIMARY KEY (staff_id, device_id, key)
            ) STRICT;
            INSERT INTO staff_action_v6 (staff_id, device_id, key, seq, prev_hash, hash, payload, kind,
                                         visit_id, outcome, reason, received_at)
                SELECT staff_id, device_id, key, seq, prev_hash, hash, payload, kind,
                       visit_id, outcome, reason, received_at FROM staff_action;
            DROP TABLE staff_action;
            ALTER TABLE staff_action_v6 RENAME TO staff_action;
            CREATE INDEX staff_action_by_device ON staff_action (device_id, seq);",
        },
        Migration {
            version: 7,
            name: "the real catalogue: unsourced x.* procedure codes become national codes",
            sql: "UPDATE dossier SET procedure_code = CASE procedure_code WHEN 'x.cap-phieu-ly-lich-tu-phap' THEN '3.000333' WHEN 'x.doi-giay-phep-lai-xe' THEN '3.000347' WHEN 'x.dang-ky-ho-kinh-doanh' THEN '1.001612' WHEN 'x.cap-lai-the-bhyt' THEN '1.001294' WHEN 'x.cap-giay-chung-nhan-dat-lan-dau' THEN '1.013978' WHEN 'x.cap-the-can-cuoc' THEN '1.014061' WHEN 'x.tro-cap-mai-tang-nguoi-co-cong' THEN '1.010824' ELSE procedure_code END WHERE procedure_code LIKE 'x.%';
            UPDATE booking SET procedure_code = CASE procedure_code WHEN 'x.cap-phieu-ly-lich-tu-phap' THEN '3.000333' WHEN 'x.doi-giay-phep-lai-xe' THEN '3.000347' WHEN 'x.dang-ky-ho-kinh-doanh' THEN '1.001612' WHEN 'x.cap-lai-the-bhyt' THEN '1.001294' WHEN 'x.cap-giay-chung-nhan-dat-lan-dau' THEN '1.013978' WHEN 'x.cap-the-can-cuoc' THEN '1.014061' WHEN 'x.tro-cap-mai-tang-nguoi-co-cong' THEN '1.010824' ELSE procedure_code END WHERE procedure_code LIKE 'x.%';",
        },
        Migration {
            version: 8,
            name: "files: uploads, stored files, files of dossiers",
            sql: "CREATE TABLE upload (
                id           TEXT PRIMARY KEY NOT NULL,
                account_id   TEXT NOT NULL REFERENCES account (id),
                sha256       TEXT NOT NULL,
                bytes        INTEGER NOT NULL CHECK (bytes > 0),
                type         TEXT NOT NULL CHECK (type IN ('jpeg', 'png', 'pdf')),
                created_at   TEXT NOT NULL,
                completed_at TEXT,
                UNIQUE (account_id, sha256)
            ) STRICT;
            CREATE INDEX upload_by_sha ON upload (sha256);
            CREATE TABLE blob (
                sha256    TEXT PRIMARY KEY NOT NULL,
                bytes     INTEGER NOT NULL,
                type      TEXT NOT NULL,
                stored_at TEXT NOT NULL
            ) STRICT;
            CREATE TABLE dossier_file (
                dossier_id  TEXT NOT NULL REFERENCES dossier (id),
                role        TEXT NOT NULL CHECK (role IN ('page', 'signature', 'delivery_photo', 'pickup_photo')),
                document_id TEXT NOT NULL,
                page        INTEGER NOT NULL CHECK (page >= 1),
                sha256      TEXT NOT NULL REFERENCES blob (sha256),
                action_key  TEXT,
                added_at    TEXT NOT NULL,
                PRIMARY KEY (dossier_id, role, document_id, page)
            ) STRICT;
            CREATE INDEX dossier_file_by_sha ON dossier_file (sha256);",
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use dvc_core::storage::upgrade_check::{Fixture, check_upgrades};

    const FIXTURES: &[Fixture] = &[
        Fixture {
            version: 1,
            insert: "INSERT INTO office (id, name, operator, address, sample) VALUES ('o1', 'Office', 'vietnam_post', 'Addr', 0);
                     INSERT INTO account (id, kind, phone, created_at) VALUES ('a1', 'citizen', '0912345678', '2026-01-01T00:00:00Z');
                     INSERT INTO token VALUES ('h1', 'a1', '2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z');",
            check: "SELECT count(*) FROM token JOIN account ON account.id = token.account_id WHERE phone = '0912345678'
                    AND (SELECT name = 'Office' AND (data = '{}' OR json_extract(data, '$.name') = 'Office') FROM office WHERE id = 'o1')",
        },
        Fixture {
            version: 2,
            insert: "INSERT INTO dossier (id, owner_id, procedure_code, office_id, status_code, submitted_at) VALUES ('d1', 'a1', '1.001612', 'o1', 1, '2026-01-02T00:00:00Z');
                     INSERT INTO idempotency VALUES ('a1', 'k1', 'POST /v1/dossiers', 201, '{}', '2026-01-02T00:00:00Z');",
            check: "SELECT count(*) FROM dossier JOIN idempotency ON idempotency.account_id = dossier.owner_id
                    WHERE (SELECT count(*) FROM dossier_event WHERE dossier_id = 'd1' AND status_code = 1) = 1",
        },
        Fixture {
            version: 3,
            insert: "INSERT INTO booking VALUES ('b1', 'a1', 'o1', '2026-03-02T01:00:00+00:00', '1.001193', 'elderly', 'active', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z');
                     INSERT INTO holiday_override VALUES (2027, '{}');",
            check: "SELECT count(*) FROM booking JOIN holiday_override ON holiday_override.year = 2027 JOIN office ON office.id = booking.office_id",
        },
        Fixture {
            version: 4,
            insert: "UPDATE dossier SET code = '000.00.01.H26-260102-0001', detail = '{}' WHERE id = 'd1';
                     INSERT INTO dossier_sequence VALUES ('000.00.01.H26', '2026-01-02', 1);
                     INSERT INTO signing_key VALUES ('k1', zeroblob(32), 'pk', '2026-01-01T00:00:00Z', NULL, '2026-01-01T00:00:00Z');
                     INSERT INTO revocation VALUES ('000.00.01.H26-260102-0001', '2026-01-03T00:00:00Z', 'withdrawn', '2026-01-03T00:00:00Z');",
            check: "SELECT count(*) FROM dossier JOIN dossier_sequence ON dossier.code LIKE dossier_sequence.unit_code || '%'
                    JOIN revocation ON revocation.dossier_code = dossier.code JOIN signing_key ON signing_key.id = 'k1'",
        },
        Fixture {
            version: 5,
            insert: "INSERT INTO dossier_event (dossier_id, at, kind, status_code, text_vi, text_en) VALUES ('d1', '2026-01-02T00:00:00Z', 'status', 1, 'x', 'x');
                     INSERT INTO postal_item (s10, dossier_id, step, handed_at) VALUES ('RR000000015VN', 'd1', 'handed_to_post', '2026-01-05T00:00:00Z');
                     INSERT INTO visit VALUES ('v1', 'delivery', 'a1', 'o1', 'd1', 'RR000000015VN', 'open', 0, '{}', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z');
                     INSERT INTO staff_action VALUES ('k1', 'dev1', 'a1', 1, 'p', 'h', '{}', 'fail', 'v1', 'applied', NULL, '2026-01-06T00:00:00Z');
                     INSERT INTO device_chain VALUES ('dev1', 'a1', 1, 'h');",
            check: "SELECT count(*) FROM dossier_event JOIN postal_item ON postal_item.dossier_id = dossier_event.dossier_id
                    JOIN visit ON visit.s10 = postal_item.s10 JOIN staff_action ON staff_action.visit_id = visit.id
                    JOIN device_chain ON device_chain.last_hash = staff_action.hash",
        },
        Fixture {
            version: 6,
            // Older fixtures' rows written into a v6 database: v6's own
            // backfills did not run on them, and staff_action's columns moved.
            insert: "INSERT INTO sign_in_guard (subject, failures) VALUES ('phone:0912345678', 3);
                     UPDATE account SET disabled_at = '2026-01-07T00:00:00Z' WHERE id = 'a1';
                     UPDATE dossier SET track_check = '123456' WHERE track_check IS NULL;
                     UPDATE staff_action SET staff_id = 'a1', key = 'k1' WHERE staff_id = 'k1';",
            check: "SELECT count(*) FROM staff_action JOIN dossier ON dossier.id = 'd1' AND length(dossier.track_check) = 6
                    JOIN sign_in_guard ON sign_in_guard.failures = 3 WHERE staff_action.key = 'k1' AND staff_action.staff_id = 'a1'",
        },
        Fixture {
            version: 6,
            insert: "UPDATE dossier SET procedure_code = 'x.cap-lai-the-bhyt' WHERE id = 'd1';",
            check: "SELECT count(*) FROM dossier WHERE id = 'd1' AND procedure_code = '1.001294'",
        },
        Fixture {
            version: 7,
            // From v7 on the server writes national codes only.
            insert: "UPDATE dossier SET procedure_code = '1.001294' WHERE id = 'd1';",
            check: "SELECT count(*) FROM dossier WHERE id = 'd1'",
        },
        Fixture {
            version: 8,
            insert: "INSERT INTO upload VALUES ('u1', 'a1', 'aa', 10, 'jpeg', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                     INSERT INTO blob VALUES ('aa', 10, 'jpeg', '2026-01-01T00:00:00Z');
                     INSERT INTO dossier_file VALUES ('d1', 'page', 'cccd', 1, 'aa', NULL, '2026-01-01T00:00:00Z');",
            check: "SELECT count(*) FROM dossier_file JOIN upload USING (sha256) JOIN blob USING (sha256) WHERE dossier_id = 'd1'",
        },
    ];

    #[test]
    fn server_database_upgrades_from_every_older_version_with_data_intact() {
        check_upgrades(&SERVER_SCHEMA, FIXTURES).unwrap();
    }

    #[test]
    fn every_version_has_a_fixture() {
        for v in 1..=SERVER_SCHEMA.latest() {
            assert!(
                FIXTURES.iter().any(|f| f.version == v),
                "no fixture for v{v}"
            );
        }
    }
}
