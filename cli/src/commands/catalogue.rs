//! `dvc catalog search|show|stats|update`: finding procedures.

use clap::ValueEnum;
use dvc_core::CoreResult;
use dvc_core::catalogue::model::Procedure;
use dvc_core::catalogue::search::{MatchKind, SearchFilter};
use serde::Serialize;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// `--for`: the target group.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GroupArg {
    /// Công dân: citizens.
    Citizen,
    /// Doanh nghiệp, hợp tác xã: businesses.
    Business,
    /// Người nước ngoài: foreigners.
    Foreigner,
    /// Người Việt Nam định cư ở nước ngoài.
    Overseas,
    /// Tổ chức: organisations.
    Organisation,
}

impl GroupArg {
    fn name(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::Business => "business",
            Self::Foreigner => "foreigner",
            Self::Overseas => "overseas",
            Self::Organisation => "organisation",
        }
    }
}

/// `dvc catalog search "<query>" [--limit N] [--for GROUP] [--field NAME]`.
pub fn search(
    shell: &Shell,
    out: Output,
    query: &str,
    limit: u32,
    group: Option<GroupArg>,
    field: Option<String>,
) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let filter = SearchFilter {
        group: group.map(|g| g.name().to_owned()),
        field,
    };
    let hits = core.catalogue().search_with(query, &filter, limit)?;
    out.show(&hits, |hits| {
        if hits.first().is_none_or(|h| h.match_kind == MatchKind::Weak) {
            println!("Không tìm thấy thủ tục khớp rõ. / No clear match.");
            if !hits.is_empty() {
                println!("Gợi ý / Suggestions:");
            }
        }
        for (i, h) in hits.iter().enumerate() {
            let en = h
                .name_en
                .as_deref()
                .map(|e| format!(" — {e}"))
                .unwrap_or_default();
            println!(
                "{:>2}. {:<9} {}{en}  ({:.2})",
                i + 1,
                h.code,
                h.short_vi,
                h.score
            );
        }
    });
    Ok(())
}

/// `dvc catalog show --json` prints the record with `documents_known`.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    procedure: &'a Procedure,
    documents_known: bool,
}

/// `dvc catalog show <code>`: the whole catalogue record.
pub fn show(shell: &Shell, out: Output, code: &str) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let p = core.catalogue().procedure(code)?;
    let shown = Shown {
        documents_known: !p.documents.is_empty(),
        procedure: &p,
    };
    out.show(&shown, |s| print_procedure(s.procedure));
    Ok(())
}

fn print_procedure(p: &Procedure) {
    println!("{} — {}", p.code, p.name_vi);
    if let Some(en) = &p.name_en {
        println!("     {en}");
    }
    println!("Lĩnh vực / Field: {}", p.fields.join("; "));
    if let Some(level) = p.level {
        println!(
            "Cấp thực hiện / Level: {} / {}",
            level.name_vi(),
            level.name_en()
        );
    }
    if !p.agencies.is_empty() {
        println!("Cơ quan / Agency: {}", p.agencies.join("; "));
    }
    for c in &p.channels {
        let time = match c.time {
            Some(n) => format!("{n} {}", unit_words(c.time_unit)),
            None => "xem ghi chú / see the note".to_owned(),
        };
        let fee = match c.fees.first().and_then(|f| f.amount_vnd) {
            Some(0) => "miễn phí / free".to_owned(),
            Some(n) => format!("{n} đ"),
            None => "hỏi tại quầy / ask at the counter".to_owned(),
        };
        println!("  {:?}: {time}; {fee}", c.channel);
    }
    if p.documents.is_empty() {
        println!(
            "Giấy tờ: hãy hỏi tại điểm bưu điện (đại lý dịch vụ công). / Documents: ask at the agent office."
        );
    } else {
        println!("Giấy tờ / Documents:");
        for d in &p.documents {
            let when = if d.when.is_some() {
                "  (tùy trường hợp / conditional)"
            } else {
                ""
            };
            println!("  - {} / {}{when}", d.name_vi, d.name_en);
        }
    }
    if let Some(cases) = &p.cases {
        println!("Trường hợp / Cases (--answer case=N):");
        for (i, o) in cases.options.iter().enumerate() {
            println!("  {}. {} / {}", i + 1, o.short_vi, o.short_en);
        }
    }
    if !p.sourced {
        println!("(chưa kiểm chứng đầy đủ / not fully sourced)");
    }
    println!("Nguồn / Source: {}", p.source);
}

fn unit_words(unit: dvc_core::calendar::TimeUnit) -> &'static str {
    use dvc_core::calendar::TimeUnit;
    match unit {
        TimeUnit::WorkingDay => "ngày làm việc / working days",
        TimeUnit::Day => "ngày / days",
        TimeUnit::Hour => "giờ / hours",
        TimeUnit::Month => "tháng / months",
        TimeUnit::Other => "",
    }
}

/// `dvc catalog stats`: procedures, detailed ones, version.
pub fn stats(shell: &Shell, out: Output) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let stats = core.catalogue().stats()?;
    out.show(&stats, |s| {
        println!(
            "{} thủ tục, {} có danh sách giấy tờ, phiên bản {} / {} procedures, {} with a checklist, version {}",
            s.procedures, s.detailed, s.version, s.procedures, s.detailed, s.version
        );
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
