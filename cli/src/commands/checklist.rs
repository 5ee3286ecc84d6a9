//! `dvc checklist <code>`: what to bring for a procedure, for a profile.

use dvc_core::CoreResult;
use dvc_core::catalogue::model::DocumentAction;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::Checklist;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// Prints the checklist of `code` for `profile` with `have` ticked.
pub fn show(
    shell: &Shell,
    out: Output,
    code: &str,
    profile: &ApplicantProfile,
    have: &[String],
) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let checklist = core.checklists().preview(code, profile, have)?;
    if out.json {
        println!("{:#}", checklist_json(&checklist));
    } else {
        print_checklist(&checklist);
    }
    Ok(())
}

/// The checklist as the `--json` contract spells it: `warnings` are strings
/// (Vietnamese / English); `warning_details` keeps their codes.
pub fn checklist_json(c: &Checklist) -> serde_json::Value {
    let mut value = serde_json::to_value(c).unwrap_or_default();
    value["warnings"] = c
        .warnings
        .iter()
        .map(|w| format!("{} / {}", w.vi, w.en))
        .collect();
    value["warning_details"] = serde_json::to_value(&c.warnings).unwrap_or_default();
    value
}

/// The checklist for a person to read.
pub fn print_checklist(c: &Checklist) {
    println!(
        "{} ({}) — {}",
        c.procedure_name_vi, c.procedure, c.procedure_name_en
    );
    println!(
        "Đã có / Have: {}/{} ({}%)",
        c.have_count, c.total, c.progress_percent
    );
    for item in &c.items {
        let mark = if item.have { "[x]" } else { "[ ]" };
        let action = match item.action {
            DocumentAction::Submit => "nộp / submit",
            DocumentAction::Show => "xuất trình / show",
        };
        let mut counts = Vec::new();
        if item.originals > 0 {
            counts.push(format!("{} bản chính/original", item.originals));
        }
        if item.copies > 0 {
            counts.push(format!("{} bản sao/copy", item.copies));
        }
        println!(
            "  {mark} {:<24} {} / {}",
            item.id, item.name_vi, item.name_en
        );
        println!("      {} — {action}", counts.join(", "));
        if let (Some(vi), Some(en)) = (&item.reason_vi, &item.reason_en) {
            println!("      vì / because: {vi} / {en}");
        }
        if !item.pages.is_empty() {
            println!(
                "      {} trang đính kèm / page(s) attached",
                item.pages.len()
            );
        } else if item.attachment_required {
            println!("      cần ảnh hoặc bản quét / needs a photo or scan (dvc dossier attach)");
        }
    }
    if c.ready {
        println!("Sẵn sàng! / Ready!");
    } else if !c.missing.is_empty() {
        println!("Còn thiếu / Missing: {}", c.missing.join(", "));
    }
    for q in &c.questions {
        let answer = if q.answer { "có/yes" } else { "không/no" };
        let given = if q.answered {
            ""
        } else {
            " (mặc định/default)"
        };
        println!(
            "  ? {} / {} → {answer}{given}  [--answer {}=yes|no]",
            q.text_vi, q.text_en, q.id
        );
    }
    if let Some(case) = &c.case {
        println!("  ? {} / {}  [--answer case=N]", case.text_vi, case.text_en);
        for o in &case.options {
            let mark = if case.chosen == Some(o.number) {
                "●"
            } else {
                "○"
            };
            println!("      {mark} {}. {} / {}", o.number, o.short_vi, o.short_en);
        }
    }
    for w in &c.warnings {
        println!("  ! {} / {}", w.vi, w.en);
    }
}
