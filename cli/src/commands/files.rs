//! `dvc dossier attach|detach|queue` and `dvc staff files|file`: the pages
//! of drafts, the filing queue, and a dossier's files read back.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dvc_core::CoreResult;
use dvc_core::events::{CoreEvent, CoreListener};
use dvc_core::files::limits::megabytes;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// `dvc dossier attach <draft> <document> FILE...`: the document's pages.
pub fn attach(
    shell: &Shell,
    out: Output,
    draft: &str,
    document: &str,
    files: &[PathBuf],
) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let paths: Vec<String> = files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let pages = core.checklists().attach(draft, document, &paths)?;
    out.show(&pages, |pages| print_pages(document, pages));
    Ok(())
}

/// `dvc dossier detach <draft> <document> <page>`.
pub fn detach(
    shell: &Shell,
    out: Output,
    draft: &str,
    document: &str,
    page: i32,
) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let pages = core.checklists().detach(draft, document, page)?;
    out.show(&pages, |pages| print_pages(document, pages));
    Ok(())
}

fn print_pages(document: &str, pages: &[dvc_core::files::Page]) {
    println!(
        "Giấy tờ {document}: {} trang / {} page(s)",
        pages.len(),
        pages.len()
    );
    for p in pages {
        println!(
            "  {:>2}. {} {:>8}  sha256 {}",
            p.page,
            p.file_type.as_str(),
            megabytes(u64::try_from(p.bytes).unwrap_or(0), false),
            p.sha256
        );
    }
}

/// `dvc dossier queue [--send]`: drafts waiting to be filed.
pub fn queue(shell: &Shell, out: Output, send: bool) -> CoreResult<()> {
    let core = if send {
        shell.signed_in(Profile::Citizen)?
    } else {
        shell.core(Profile::Citizen)?
    };
    if send {
        let _progress = show_progress(&core);
        let filed = core.block_on(core.dossiers().send_pending())?;
        if !out.json {
            for d in &filed {
                println!(
                    "Đã nộp hồ sơ {} / dossier filed.",
                    d.code.as_deref().unwrap_or(&d.id)
                );
            }
        }
    }
    let pending = core.dossiers().pending_filings()?;
    out.show(&pending, |pending| {
        if pending.is_empty() {
            println!("Không có hồ sơ chờ nộp. / Nothing waits to be filed.");
        }
        for p in pending {
            println!(
                "  {} ({}): {} trang / pages, {}",
                p.draft_id,
                p.procedure_code,
                p.pages,
                megabytes(u64::try_from(p.bytes).unwrap_or(0), false)
            );
            match (&p.error_vi, &p.error_en) {
                (Some(vi), Some(en)) => println!("    bị từ chối / turned down: {vi} / {en}"),
                _ => println!("    chờ mạng / waiting for the network"),
            }
        }
    });
    Ok(())
}

/// `dvc staff files <dossier>`: the dossier's files as an array.
pub fn list(shell: &Shell, out: Output, dossier: &str) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Counter)?;
    let found = core.block_on(core.files().list(dossier.to_owned()))?;
    out.show(&found.files, |files| {
        println!(
            "Hồ sơ {}: {} tệp / {} file(s)",
            found.dossier_code.as_deref().unwrap_or(&found.dossier_id),
            files.len(),
            files.len()
        );
        for f in files {
            println!(
                "  {:<14} {:<24} {:>2}  {} {:>8}  {}",
                serde_json::to_value(f.role)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                f.document_id.as_deref().unwrap_or("-"),
                f.page,
                f.file_type.as_str(),
                megabytes(u64::try_from(f.bytes).unwrap_or(0), false),
                f.sha256
            );
        }
    });
    Ok(())
}

/// `dvc staff file <dossier> <sha256> --out FILE`.
pub fn save(
    shell: &Shell,
    out: Output,
    dossier: &str,
    sha256: &str,
    path: &Path,
) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Counter)?;
    let bytes = core.block_on(core.files().save(
        dossier.to_owned(),
        sha256.to_owned(),
        path.to_string_lossy().into_owned(),
    ))?;
    let value = serde_json::json!({ "sha256": sha256, "bytes": bytes, "path": path });
    out.show(&value, |_| {
        println!(
            "Đã ghi {} ({}) / written, SHA-256 checked.",
            path.display(),
            megabytes(u64::try_from(bytes).unwrap_or(0), false)
        );
    });
    Ok(())
}

/// Prints upload progress on a terminal while the returned subscription
/// lives.
pub fn show_progress(core: &dvc_core::Core) -> Option<dvc_core::events::Subscription> {
    std::io::stderr()
        .is_terminal()
        .then(|| core.subscribe(Arc::new(Progress)))
}

struct Progress;

impl CoreListener for Progress {
    fn on_event(&self, event: CoreEvent) {
        if let CoreEvent::UploadProgress {
            sha256,
            sent,
            total,
        } = event
        {
            let pct = if total > 0 { sent * 100 / total } else { 100 };
            eprintln!(
                "  ↑ {}… {pct:>3}% ({} / {})",
                &sha256[..12.min(sha256.len())],
                megabytes(u64::try_from(sent).unwrap_or(0), false),
                megabytes(u64::try_from(total).unwrap_or(0), false)
            );
        }
    }
}
