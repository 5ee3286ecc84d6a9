//! The checklist as plain text: to show a counter clerk or to print.

use std::fmt::Write;

use super::model::Checklist;
use crate::catalogue::model::DocumentAction;
use crate::catalogue::profile::{Applicant, ApplicantProfile, Beneficiary, Channel};

/// The checklist in plain text, in Vietnamese (`vi`) or English (anything else).
pub fn summary_text(c: &Checklist, profile: &ApplicantProfile, language: &str) -> String {
    let vi = language.starts_with("vi");
    let t = |v: &str, e: &str| if vi { v.to_owned() } else { e.to_owned() };
    let mut out = String::new();
    let _ = writeln!(out, "{}", t("CHUẨN BỊ HỒ SƠ", "DOSSIER PREPARATION"));
    let (name, other) = if vi {
        (&c.procedure_name_vi, &c.procedure_name_en)
    } else {
        (&c.procedure_name_en, &c.procedure_name_vi)
    };
    let _ = writeln!(
        out,
        "{}: {name} ({}) — {other}",
        t("Thủ tục", "Procedure"),
        c.procedure
    );
    let _ = writeln!(
        out,
        "{}: {}",
        t("Người nộp", "Applicant"),
        profile_words(profile, vi)
    );
    let _ = writeln!(
        out,
        "{} ({}/{}):",
        t("Giấy tờ", "Documents"),
        c.have_count,
        c.total
    );
    for item in &c.items {
        let mark = if item.have { "[x]" } else { "[ ]" };
        let name = if vi { &item.name_vi } else { &item.name_en };
        let action = match (item.action, vi) {
            (DocumentAction::Submit, true) => "nộp",
            (DocumentAction::Submit, false) => "submit",
            (DocumentAction::Show, true) => "xuất trình",
            (DocumentAction::Show, false) => "show",
        };
        let counts = copies_words(item.originals, item.copies, vi);
        let _ = writeln!(out, "  {mark} {name} — {counts} — {action}");
        let reason = if vi { &item.reason_vi } else { &item.reason_en };
        if let Some(reason) = reason {
            let _ = writeln!(out, "      {}: {reason}", t("vì", "because"));
        }
    }
    if c.ready {
        let _ = writeln!(out, "{}", t("Đã đủ giấy tờ.", "All documents ready."));
    } else {
        let missing: Vec<&str> = c
            .items
            .iter()
            .filter(|i| !i.have)
            .map(|i| {
                if vi {
                    i.name_vi.as_str()
                } else {
                    i.name_en.as_str()
                }
            })
            .collect();
        let _ = writeln!(out, "{}: {}", t("Còn thiếu", "Missing"), missing.join("; "));
    }
    if !c.warnings.is_empty() {
        let _ = writeln!(out, "{}:", t("Lưu ý", "Notes"));
        for w in &c.warnings {
            let _ = writeln!(out, "  - {}", if vi { &w.vi } else { &w.en });
        }
    }
    out
}

fn copies_words(originals: i32, copies: i32, vi: bool) -> String {
    let mut parts = Vec::new();
    if originals > 0 {
        parts.push(if vi {
            format!("{originals} bản chính")
        } else {
            format!("{originals} original{}", plural(originals))
        });
    }
    if copies > 0 {
        parts.push(if vi {
            format!("{copies} bản sao")
        } else {
            format!("{copies} cop{}", if copies == 1 { "y" } else { "ies" })
        });
    }
    parts.join(", ")
}

fn plural(n: i32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn profile_words(p: &ApplicantProfile, vi: bool) -> String {
    let who = match (p.applicant, vi) {
        (Applicant::Myself, true) => "tự nộp",
        (Applicant::Myself, false) => "for themself",
        (Applicant::Representative, true) => "người được ủy quyền",
        (Applicant::Representative, false) => "authorised representative",
        (Applicant::Guardian, true) => "người giám hộ",
        (Applicant::Guardian, false) => "guardian",
    };
    let channel = match (p.channel, vi) {
        (Channel::Counter, true) => "tại quầy",
        (Channel::Counter, false) => "at the counter",
        (Channel::Post, true) => "qua bưu điện",
        (Channel::Post, false) => "by post",
        (Channel::Home, true) => "nhận tại nhà",
        (Channel::Home, false) => "home pickup",
        (Channel::Online, true) => "trực tuyến",
        (Channel::Online, false) => "online",
    };
    let category = match (p.beneficiary, vi) {
        (Beneficiary::None, _) => None,
        (Beneficiary::Merit, true) => Some("người có công"),
        (Beneficiary::Merit, false) => Some("person with meritorious service"),
        (Beneficiary::Social, true) => Some("bảo trợ xã hội"),
        (Beneficiary::Social, false) => Some("social-protection beneficiary"),
    };
    match category {
        Some(c) => format!("{who}, {channel}, {c}"),
        None => format!("{who}, {channel}"),
    }
}
