//! `dvc staff worklist | pickup | deliver | fail | sync`: a field staff
//! member's day. Actions are recorded on the device (no signal needed) and
//! sent by `sync`.

use dvc_core::text::escape_hostile as safe;
use std::path::Path;

use dvc_core::field::view::{
    ActionReceipt, DeliverInput, FailInput, LocalState, PickupInput, WorklistView,
};
use dvc_core::field::wedge::WedgedEntry;
use dvc_core::tracking::postal::FailReason;
use dvc_core::{CoreError, CoreResult, ErrorKind};

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// `LAT,LON` → the pair.
pub fn parse_position(text: Option<&str>) -> CoreResult<(Option<f64>, Option<f64>)> {
    let Some(text) = text else {
        return Ok((None, None));
    };
    let bad = || {
        CoreError::invalid(
            "at",
            format!("Vị trí cần dạng VĨ_ĐỘ,KINH_ĐỘ: {text}"),
            format!("A position is LAT,LON: {text}"),
        )
    };
    let (lat, lon) = text.split_once(',').ok_or_else(bad)?;
    Ok((
        Some(lat.trim().parse().map_err(|_| bad())?),
        Some(lon.trim().parse().map_err(|_| bad())?),
    ))
}

/// The worklist: refreshed from the server when reachable, else the stored
/// one.
pub fn worklist(shell: &Shell, out: Output) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Staff)?;
    let view = match core.block_on(core.field().refresh_worklist()) {
        Ok(view) => view,
        Err(e) if e.kind() == ErrorKind::Offline => {
            eprintln!("{} / {}", e.vi(), e.en());
            eprintln!("(danh sách đã lưu trên máy / stored list)");
            core.field().worklist()?
        }
        Err(e) => return Err(e),
    };
    out.show(&view, print_worklist);
    Ok(())
}

/// The worklist as text.
pub fn print_worklist(w: &WorklistView) {
    if w.visits.is_empty() {
        println!("Không có lượt thăm nào. / No visits.");
    }
    for v in &w.visits {
        let state = match v.local_state {
            LocalState::Todo => "cần làm / to do",
            LocalState::DoneUnsent => "xong, chưa gửi / done, not sent",
            LocalState::Done => "xong / done",
            LocalState::Failed => "không thành công / failed",
            LocalState::Rejected => "bị từ chối / rejected",
        };
        println!(
            "{}. [{:?}] {}  {}  {}  {} ({}) — {state}",
            v.stop,
            v.kind,
            safe(&v.id),
            v.window_local,
            safe(&v.address),
            safe(&v.contact_name),
            v.beneficiary_vi
        );
        if let Some(s10) = &v.s10 {
            println!("     bưu gửi / item {}", safe(s10));
        }
        for item in &v.items {
            println!("     {}", safe(item));
        }
        if v.fee_vnd > 0 {
            println!("     phí / fee {} đ", v.fee_vnd);
        }
    }
    println!(
        "Lộ trình / Route {:.1} km (theo thứ tự hẹn / in window order {:.1} km); chưa gửi / unsent {}",
        w.route_km, w.unordered_km, w.pending
    );
    print_wedged(&w.wedged);
}

/// Turned-down actions as text, each with what to do.
fn print_wedged(wedged: &[WedgedEntry]) {
    if wedged.is_empty() {
        return;
    }
    println!(
        "⚠ {} thao tác bị từ chối: dvc staff retry SEQ hoặc dvc staff set-aside SEQ --reason … / {} actions turned down: dvc staff retry SEQ or dvc staff set-aside SEQ --reason …",
        wedged.len(),
        wedged.len()
    );
    for w in wedged {
        println!(
            "  #{} {} {} [{}]: {} / {}",
            w.seq,
            w.kind,
            safe(&w.visit_id),
            safe(&w.reason),
            w.text_vi,
            w.text_en
        );
    }
}

/// `dvc staff wedged`: the actions the server turned down.
pub fn wedged(shell: &Shell, out: Output) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    let list = core.field().wedged()?;
    out.show(&list, |l| {
        if l.is_empty() {
            println!("Không có thao tác nào bị từ chối. / No action was turned down.");
        }
        print_wedged(l);
    });
    Ok(())
}

/// `dvc staff retry SEQ`: the action goes out again as a new entry.
pub fn retry(shell: &Shell, out: Output, seq: i64) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    let receipt = core.field().retry_wedged(seq)?;
    out.show(&receipt, print_receipt);
    Ok(())
}

/// `dvc staff set-aside SEQ --reason TEXT`.
pub fn set_aside(shell: &Shell, out: Output, seq: i64, reason: &str) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    core.field().set_aside(seq, reason)?;
    let wedged = core.field().wedged()?;
    out.show(
        &serde_json::json!({"set_aside": seq, "wedged": wedged}),
        |_| {
            println!("Đã gác lại thao tác {seq}. / Action {seq} set aside.");
            print_wedged(&wedged);
        },
    );
    Ok(())
}

fn print_receipt(r: &ActionReceipt) {
    println!(
        "Đã ghi trên máy (mục {}), chờ gửi {} / Recorded on the device (entry {}), {} waiting to be sent",
        r.seq, r.pending, r.seq, r.pending
    );
    if !r.missing.is_empty() {
        println!("Thiếu / Missing: {}", r.missing.join(", "));
    }
}

/// `dvc staff pickup`.
pub fn pickup(shell: &Shell, out: Output, input: PickupInput) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    let receipt = core.field().pickup(input)?;
    out.show(&receipt, print_receipt);
    Ok(())
}

/// `dvc staff deliver`.
pub fn deliver(shell: &Shell, out: Output, input: DeliverInput) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    let receipt = core.field().deliver(input)?;
    out.show(&receipt, print_receipt);
    Ok(())
}

/// `dvc staff fail`.
pub fn fail(shell: &Shell, out: Output, input: FailInput) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    let receipt = core.field().fail(input)?;
    out.show(&receipt, print_receipt);
    Ok(())
}

/// Parses a failure reason name.
pub fn parse_reason(text: &str) -> CoreResult<FailReason> {
    FailReason::parse(text).ok_or_else(|| {
        let names: Vec<&str> = FailReason::ALL.iter().map(|r| r.as_str()).collect();
        CoreError::invalid(
            "reason",
            format!("Lý do là một trong: {}", names.join(", ")),
            format!("The reason is one of: {}", names.join(", ")),
        )
    })
}

/// `dvc staff sync`: sends the outbox; `{sent, acknowledged, pending, …}`.
/// Exits non-zero when something is still waiting.
pub fn sync(shell: &Shell, out: Output, batch: u32) -> CoreResult<bool> {
    let core = shell.signed_in(Profile::Staff)?;
    let report = core.block_on(core.field().sync_with(batch))?;
    out.show(&report, |r| {
        println!(
            "Đã gửi {}, máy chủ xác nhận {}, còn chờ {} / Sent {}, acknowledged {}, pending {}",
            r.sent, r.acknowledged, r.pending, r.sent, r.acknowledged, r.pending
        );
        if r.rejected > 0 {
            println!("Bị từ chối / Rejected: {}", r.rejected);
        }
        if !r.breaks.is_empty() {
            println!("⚠ Nhật ký bị đứt / Log breaks: {}", r.breaks.join(", "));
        }
        if let (Some(vi), Some(en)) = (&r.error_vi, &r.error_en) {
            println!("{vi} / {en}");
        }
        print_wedged(&r.wedged);
    });
    Ok(report.pending == 0)
}

/// `dvc staff recover FILE`: the action log of a damaged database back.
pub fn recover(shell: &Shell, out: Output, file: &Path) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    let got = core.field().recover(&file.to_string_lossy())?;
    out.show(&got, |g| {
        println!(
            "Đã khôi phục {} thao tác, {} chưa gửi: chạy dvc staff sync. / Recovered {} actions, {} not yet sent: run dvc staff sync.",
            g.entries, g.unsent, g.entries, g.unsent
        );
    });
    Ok(())
}
