//! How long files stay: the files of a finished dossier (withdrawn,
//! refused, result returned or handed over) are unlinked
//! [`FileSettings::retention_days`] after its last event; uploads linked
//! to nothing go after [`FileSettings::orphan_hours`]; stored bytes that
//! nothing refers to any more are deleted. Runs hourly in the server
//! (and on demand in tests), each pass one transaction.

use chrono::{DateTime, Utc};
use dvc_core::CoreResult;
use dvc_core::storage::Database;

use super::blob::BlobStore;
use super::uploads::FileSettings;

/// What one pass removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Links of files to finished dossiers.
    pub links: usize,
    /// Uploads linked to nothing (finished or not).
    pub uploads: usize,
    /// Stored files deleted.
    pub files: usize,
}

/// One pass at `now`.
pub fn sweep(
    db: &Database,
    blobs: &dyn BlobStore,
    s: &FileSettings,
    now: DateTime<Utc>,
) -> CoreResult<Swept> {
    let finished_before = now - chrono::Duration::days(i64::from(s.retention_days));
    let orphan_before = now - chrono::Duration::hours(i64::from(s.orphan_hours));
    db.write(|tx| {
        let links = tx.execute(
            "DELETE FROM dossier_file WHERE dossier_id IN (
               SELECT d.id FROM dossier d WHERE d.status_code IN (3, 7, 8, 10)
                 AND coalesce((SELECT max(at) FROM dossier_event e WHERE e.dossier_id = d.id),
                              d.submitted_at) < ?1)",
            [finished_before.to_rfc3339()],
        )?;
        let orphans: Vec<String> = tx
            .prepare(
                "SELECT id FROM upload u WHERE created_at < ?1
                   AND NOT EXISTS (SELECT 1 FROM dossier_file f WHERE f.sha256 = u.sha256)",
            )?
            .query_map([orphan_before.to_rfc3339()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in &orphans {
            tx.execute("DELETE FROM upload WHERE id = ?1", [id])?;
            let _ = blobs.drop_part(id);
        }
        let unused: Vec<String> = tx
            .prepare(
                "SELECT sha256 FROM blob b
                 WHERE NOT EXISTS (SELECT 1 FROM upload u WHERE u.sha256 = b.sha256)
                   AND NOT EXISTS (SELECT 1 FROM dossier_file f WHERE f.sha256 = b.sha256)",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // Inside the transaction: an upload finishing onto one of these
        // waits for it, then finds the bytes gone and is sent again.
        for sha in &unused {
            tx.execute("DELETE FROM blob WHERE sha256 = ?1", [sha])?;
            let _ = blobs.delete(sha);
        }
        Ok(Swept {
            links,
            uploads: orphans.len(),
            files: unused.len(),
        })
    })
}
