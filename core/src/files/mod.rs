//! Tệp: the pages of a dossier (photos, scans, PDFs) and the proofs of a
//! home delivery or pickup (signature, photos), as real files that reach
//! the agency: stored on the phone by content hash, limited by size and
//! type, uploaded resumably before what refers to them is sent, and read
//! back by the dossier's owner and its office's staff.

pub mod kind;
pub mod limits;
pub mod model;
pub mod pages;
pub mod service;
pub mod store;
pub(crate) mod upload;

pub use kind::FileType;
pub use limits::FileLimits;
pub use model::{DossierFile, DossierFiles, FileRole, Page};
pub use service::FileService;

use crate::context::Context;

/// Deletes the stored files nothing refers to any more (after a dossier
/// is filed, a draft or a page removed, a device handed over, a sync).
/// A failure only leaves files for the next sweep.
pub(crate) fn sweep(ctx: &Context) {
    let Ok(store) = ctx.files() else {
        return;
    };
    let swept = ctx.db.write(|tx| {
        // Files of field actions the server has taken, or pruned, go.
        tx.execute(
            "DELETE FROM action_file WHERE key NOT IN (SELECT key FROM field_log
               WHERE outcome IS NULL OR outcome IN ('rejected', 'quarantined'))",
            [],
        )?;
        store.sweep(&pages::held(tx)?);
        Ok(())
    });
    if let Err(e) = swept {
        tracing::warn!(kind = e.kind().as_str(), "file sweep");
    }
}
