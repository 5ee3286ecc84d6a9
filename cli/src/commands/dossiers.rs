//! `dvc dossier list` and `dvc staff dossiers`: dossiers the account may see.

use dvc_core::CoreResult;
use dvc_core::api::model::Dossier;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// Refreshes and prints the dossiers of `profile`'s account; falls back to
/// the cached list, marked as such, when the server cannot be reached.
pub fn list(shell: &Shell, out: Output, profile: Profile) -> CoreResult<()> {
    let core = shell.signed_in(profile)?;
    let list = match core.block_on(core.dossiers().refresh()) {
        Ok(list) => list,
        Err(e) if e.kind() == dvc_core::ErrorKind::Offline => {
            eprintln!("{} / {}", e.vi(), e.en());
            eprintln!("(danh sách đã lưu trên máy / cached list)");
            core.dossiers().cached()?
        }
        Err(e) => return Err(e),
    };
    out.show(&list, |list| {
        if list.is_empty() {
            println!("Chưa có hồ sơ. / No dossiers yet.");
        }
        list.iter().for_each(print_dossier);
    });
    Ok(())
}

/// One dossier on one line.
pub fn print_dossier(d: &Dossier) {
    println!(
        "{}  thủ tục/procedure {}  tại/at {}  trạng thái/status {}  nộp/filed {}",
        &d.id[..8.min(d.id.len())],
        d.procedure_code,
        d.office_id,
        d.status_code,
        dvc_core::time::format_vn(d.submitted_at)
    );
}
