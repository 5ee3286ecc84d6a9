//! `dvc catalog search|show|update`: finding procedures.

use dvc_core::CoreResult;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// `dvc catalog search "<query>" [--limit N]`.
pub fn search(shell: &Shell, out: Output, query: &str, limit: u32) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let hits = core.catalogue().search(query, limit)?;
    out.show(&hits, |hits| {
        if hits.is_empty() {
            println!("Không tìm thấy thủ tục nào. / No procedure found.");
        }
        for (i, h) in hits.iter().enumerate() {
            println!(
                "{:>2}. {:<20} {} — {}  ({:.2})",
                i + 1,
                h.code,
                h.name_vi,
                h.name_en,
                h.score
            );
        }
    });
    Ok(())
}

/// `dvc catalog show <code>`: the whole catalogue record.
pub fn show(shell: &Shell, out: Output, code: &str) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let p = core.catalogue().procedure(code)?;
    out.show(&p, |p| {
        println!("{} — {} / {}", p.code, p.name_vi, p.name_en);
        println!("Lĩnh vực / Field: {} / {}", p.field_vi, p.field_en);
        println!("Cơ quan / Agency: {} / {}", p.agency_vi, p.agency_en);
        if let Some(days) = p.time_limit_days {
            println!("Thời hạn / Time limit: {days} ngày làm việc / working days");
        }
        println!("Giấy tờ / Documents:");
        for d in &p.documents {
            let when = if d.when.is_some() {
                "  (tùy trường hợp / conditional)"
            } else {
                ""
            };
            println!("  - {} / {}{when}", d.name_vi, d.name_en);
        }
        if !p.sourced {
            println!("(chưa kiểm chứng đầy đủ / not fully sourced)");
        }
        println!("Nguồn / Source: {}", p.source);
    });
    Ok(())
}

/// `dvc catalog update`: takes a newer catalogue from the server.
pub fn update(shell: &Shell, out: Output) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let update = core.block_on(core.catalogue().refresh())?;
    out.show(&update, |u| {
        if u.changed {
            println!(
                "Đã cập nhật danh mục phiên bản {} / Catalogue updated to {}",
                u.version, u.version
            );
        } else {
            println!(
                "Danh mục {} là mới nhất / Catalogue {} is current",
                u.version, u.version
            );
        }
    });
    Ok(())
}
