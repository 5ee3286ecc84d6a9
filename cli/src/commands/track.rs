//! `dvc track <dossier-code|S10>`: a dossier's status and postal journey.

use dvc_core::CoreResult;
use dvc_core::text::escape_hostile as safe;
use dvc_core::tracking::view::TrackView;
use serde_json::json;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// The JSON contract of `dvc track --json`: the dossier, its status in
/// both languages, the events oldest first, the expected delivery date.
pub fn contract(v: &TrackView) -> serde_json::Value {
    json!({
        "dossier_code": v.dossier_code,
        "status_code": v.status_code,
        "status_vi": v.status_vi,
        "status_en": v.status_en,
        "home_delivery": v.home_delivery,
        "s10": v.s10,
        "postal_step": v.postal_step,
        "failed_attempts": v.failed_attempts,
        "promised_date": v.promised_date,
        "expected_delivery": v.expected_delivery,
        "late_vi": v.late_vi,
        "late_en": v.late_en,
        "stale": v.stale,
        "events": v.events.iter().rev().map(|e| json!({
            "at": e.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            "kind": e.kind,
            "text_vi": e.text_vi,
            "text_en": e.text_en,
        })).collect::<Vec<_>>(),
    })
}

/// Refreshes and prints the tracks of `key` (stored copy when offline).
pub fn track(shell: &Shell, out: Output, key: &str) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let view = core.block_on(core.tracking().track(key.to_owned()))?;
    out.show(&contract(&view), |_| print(&view));
    Ok(())
}

/// The tracking screen as text.
pub fn print(v: &TrackView) {
    println!(
        "Hồ sơ / Dossier {}  ({})",
        v.dossier_code.as_deref().unwrap_or(&v.dossier_id),
        v.procedure_code
    );
    println!(
        "Trạng thái / Status {}: {} / {}",
        v.status_code, v.status_vi, v.status_en
    );
    if let (Some(vi), Some(en)) = (&v.postal_vi, &v.postal_en) {
        println!(
            "Bưu gửi / Item {}: {vi} / {en}",
            v.s10.as_deref().unwrap_or("-")
        );
    }
    if let Some(d) = &v.promised_date {
        println!("Ngày hẹn trả / Promised: {d}");
    }
    if let Some(d) = &v.expected_delivery {
        println!("Dự kiến giao tận nhà / Expected at the door: {d}");
    }
    if let (Some(vi), Some(en)) = (&v.late_vi, &v.late_en) {
        println!("⚠ {vi}\n  {en}");
    }
    if v.stale {
        println!("(bản lưu trên máy, chưa cập nhật / stored copy, not refreshed)");
    }
    for e in &v.events {
        println!(
            "  {}  {} / {}",
            e.at_local,
            safe(&e.text_vi),
            safe(&e.text_en)
        );
    }
}
