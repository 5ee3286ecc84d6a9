//! The database handle: opening with the right pragmas, moving a corrupt
//! file aside, and the read / write entry points every module uses.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use super::migration::Schema;
use crate::error::{CoreError, CoreResult, ErrorKind};

/// How hard a commit waits for the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `synchronous=FULL`: a committed transaction survives power loss.
    /// The default for field data that cannot be downloaded again.
    Full,
    /// `synchronous=NORMAL`: survives a crash of the app, may lose the last
    /// commits on power loss. For caches and throughput-bound servers.
    Normal,
}

/// A SQLite database migrated to a [`Schema`]; cheap to share behind `Arc`.
#[derive(Debug)]
pub struct Database {
    /// The one writer (and the reader of in-memory databases).
    conn: Mutex<Connection>,
    /// A second connection for reads of a file database: in WAL mode it
    /// reads the last commit while a write is under way, so a long write
    /// (a sync's batch) never holds up a screen.
    reader: Option<Mutex<Connection>>,
    path: Option<PathBuf>,
}

impl Database {
    /// Opens (creating if needed) the database file at `path` and migrates it.
    ///
    /// If the file is not a database or is corrupt, it is renamed to
    /// `<name>.corrupt-<unix-seconds>` (never deleted) and a storage error is
    /// returned; opening again then starts from an empty database.
    pub fn open(path: &Path, schema: &Schema, durability: Durability) -> CoreResult<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)?;
        }
        create_private_file(path)?;
        match Self::open_unchecked(path, schema, durability) {
            Err(OpenFailure::Corrupt(err)) => Err(move_aside(path, &err)),
            Err(OpenFailure::Other(err)) => Err(err),
            Ok(db) => Ok(db),
        }
    }

    /// Opens a private in-memory database (tests, previews).
    pub fn open_in_memory(schema: &Schema) -> CoreResult<Self> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, Durability::Normal)?;
        schema.migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
            reader: None,
            path: None,
        })
    }

    fn open_unchecked(
        path: &Path,
        schema: &Schema,
        durability: Durability,
    ) -> Result<Self, OpenFailure> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags).map_err(OpenFailure::from)?;
        configure(&conn, durability).map_err(OpenFailure::from)?;
        let ok: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(OpenFailure::from)?;
        if ok != "ok" {
            return Err(OpenFailure::Corrupt(format!("quick_check: {ok}")));
        }
        schema.migrate(&mut conn).map_err(OpenFailure::Other)?;
        let reader = Connection::open_with_flags(path, flags).map_err(OpenFailure::from)?;
        reader
            .busy_timeout(std::time::Duration::from_secs(5))
            .and_then(|()| reader.pragma_update(None, "query_only", true))
            .map_err(OpenFailure::from)?;
        Ok(Self {
            conn: Mutex::new(conn),
            reader: Some(Mutex::new(reader)),
            path: Some(path.to_owned()),
        })
    }

    /// The file behind this database, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` with a connection for reading: the reader of a file
    /// database (not held up by a write under way; it sees the last
    /// commit), the one connection of an in-memory one.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> CoreResult<T>) -> CoreResult<T> {
        match &self.reader {
            Some(reader) => f(&reader.lock().unwrap_or_else(|p| p.into_inner())),
            None => f(&self.lock()),
        }
    }

    /// Runs `f` inside an IMMEDIATE transaction, committed if `f` succeeds and
    /// rolled back otherwise.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>) -> CoreResult<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> CoreResult<u32> {
        super::migration::version_of(&self.lock())
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half transaction
        // behind (rusqlite rolls back on drop), so the connection is usable.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Pragmas every connection gets.
fn configure(conn: &Connection, durability: Durability) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Switching a new file to WAL does not wait on the busy handler when
    // another process is opening it at the same moment: try again briefly.
    let mut tries = 0;
    let mode: String = loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)) {
            Err(e)
                if tries < 200
                    && matches!(
                        e.sqlite_error_code(),
                        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                    ) =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            other => break other?,
        }
    };
    if mode != "wal" && mode != "memory" {
        tracing::warn!(mode, "WAL not available");
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(
        None,
        "synchronous",
        match durability {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        },
    )?;
    conn.pragma_update(None, "wal_autocheckpoint", 1000)?;
    conn.pragma_update(None, "journal_size_limit", 8 * 1024 * 1024)?;
    Ok(())
}

enum OpenFailure {
    Corrupt(String),
    Other(CoreError),
}

impl From<rusqlite::Error> for OpenFailure {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                OpenFailure::Corrupt(err.to_string())
            }
            _ => OpenFailure::Other(err.into()),
        }
    }
}

fn move_aside(path: &Path, reason: &str) -> CoreError {
    let stamp = chrono::Utc::now().timestamp();
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".corrupt-{stamp}"));
    let aside = PathBuf::from(aside);
    let moved = std::fs::rename(path, &aside);
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let mut side_aside = aside.as_os_str().to_owned();
        side_aside.push(suffix);
        let _ = std::fs::rename(side, side_aside);
    }
    tracing::error!(path = %path.display(), aside = %aside.display(), reason, "corrupt database moved aside");
    let kept = match moved {
        Ok(()) => aside.display().to_string(),
        Err(e) => format!("(could not move: {e})"),
    };
    // Unsent field actions may be in it: say so, they are not lost.
    let (unsent_vi, unsent_en) = match crate::field::salvage::unsent_in(&aside) {
        Some(0) => (String::new(), String::new()),
        Some(n) => (
            format!(
                " Tệp này còn {n} thao tác chưa gửi: khôi phục chúng từ tệp (dvc staff recover {kept}) trước khi làm tiếp."
            ),
            format!(
                " It holds {n} actions not yet sent: recover them from it (dvc staff recover {kept}) before going on."
            ),
        ),
        None => (
            format!(
                " Nếu máy có thao tác chưa gửi, chúng vẫn nằm trong tệp này (dvc staff recover {kept})."
            ),
            format!(
                " Actions not yet sent, if any, are still in that file (dvc staff recover {kept})."
            ),
        ),
    };
    CoreError::new(
        ErrorKind::Storage,
        "",
        format!(
            "Cơ sở dữ liệu bị hỏng và đã được chuyển sang {kept} để khôi phục. Mở lại để bắt đầu cơ sở dữ liệu mới.{unsent_vi}"
        ),
        format!(
            "The database was corrupt and was moved to {kept} for recovery. Open again to start a fresh one.{unsent_en}"
        ),
    )
}

/// Creates `dir` (and its parents) readable by the owner only, when missing.
fn create_private_dir(dir: &Path) -> CoreResult<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| CoreError::file(dir, &e))
}

/// Creates the database file owner-only (0600) before SQLite opens it; its
/// journal files (`-wal`, `-shm`) then get the same permissions from
/// SQLite. An existing file is left as it is.
fn create_private_file(path: &Path) -> CoreResult<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(CoreError::file(path, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::CLIENT_SCHEMA;

    #[test]
    fn a_file_database_uses_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let db =
            Database::open(&dir.path().join("a.db"), &CLIENT_SCHEMA, Durability::Full).unwrap();
        db.read(|c| {
            let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
            let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
            assert_eq!(mode, "wal");
            assert_eq!(fk, 1);
            Ok(())
        })
        .unwrap();
        assert_eq!(db.schema_version().unwrap(), CLIENT_SCHEMA.latest());
    }

    #[test]
    fn eight_opens_at_once_of_a_new_file_all_succeed() {
        for _ in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("new.db");
            let opens: Vec<_> = (0..8)
                .map(|_| {
                    let path = path.clone();
                    std::thread::spawn(move || {
                        Database::open(&path, &CLIENT_SCHEMA, Durability::Full)
                            .map(|db| db.schema_version())
                    })
                })
                .collect();
            for open in opens {
                assert_eq!(
                    open.join().unwrap().unwrap().unwrap(),
                    CLIENT_SCHEMA.latest()
                );
            }
        }
    }

    #[test]
    fn a_failed_write_is_rolled_back() {
        let db = Database::open_in_memory(&CLIENT_SCHEMA).unwrap();
        let result: CoreResult<()> = db.write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('a', '1')", [])?;
            Err(CoreError::internal("stop"))
        });
        assert!(result.is_err());
        let n: i64 = db
            .read(|c| Ok(c.query_row("SELECT count(*) FROM settings", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("client.db");
        std::fs::write(&path, b"this is not a sqlite database, it is field data").unwrap();
        let err = Database::open(&path, &CLIENT_SCHEMA, Durability::Full).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Storage);
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("client.db.corrupt-")
            })
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(aside[0].path()).unwrap(),
            b"this is not a sqlite database, it is field data"
        );
        // Opening again starts afresh.
        let db = Database::open(&path, &CLIENT_SCHEMA, Durability::Full).unwrap();
        assert_eq!(db.schema_version().unwrap(), CLIENT_SCHEMA.latest());
    }

    #[cfg(unix)]
    #[test]
    fn the_database_and_its_journal_are_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("app-data");
        let path = folder.join("core.sqlite3");
        let db = Database::open(&path, &crate::storage::CLIENT_SCHEMA, Durability::Full).unwrap();
        db.write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])?;
            Ok(())
        })
        .unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        for file in ["core.sqlite3", "core.sqlite3-wal", "core.sqlite3-shm"] {
            let p = folder.join(file);
            assert!(p.exists(), "{file}");
            assert_eq!(mode(&p), 0o600, "{file}");
        }
    }

    #[test]
    fn a_long_write_does_not_hold_up_reads() {
        use std::time::{Duration, Instant};
        let dir = tempfile::tempdir().unwrap();
        let db = std::sync::Arc::new(
            Database::open(
                &dir.path().join("db.sqlite3"),
                &crate::storage::CLIENT_SCHEMA,
                Durability::Full,
            )
            .unwrap(),
        );
        db.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('k', 'before')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        let writer = db.clone();
        let (started, wait) = std::sync::mpsc::channel();
        let long = std::thread::spawn(move || {
            writer
                .write(|tx| {
                    tx.execute("UPDATE settings SET value = 'after' WHERE key = 'k'", [])?;
                    started.send(()).unwrap();
                    std::thread::sleep(Duration::from_millis(600));
                    Ok(())
                })
                .unwrap();
        });
        wait.recv().unwrap();
        let value = || -> String {
            db.read(|c| {
                Ok(
                    c.query_row("SELECT value FROM settings WHERE key = 'k'", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap()
        };
        let asked = Instant::now();
        let seen = value();
        assert!(
            asked.elapsed() < Duration::from_millis(300),
            "{:?}",
            asked.elapsed()
        );
        assert_eq!(seen, "before", "the last commit, not the write under way");
        long.join().unwrap();
        let seen = value();
        assert_eq!(seen, "after");
    }
}
