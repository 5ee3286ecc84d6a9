//! `dvc demo`: a citizen and a field staff member walk through what the
//! core can do, against an embedded server in a temporary folder. It grows
//! as features land.

use dvc_core::{CoreResult, ErrorKind};

use dvc_core::api::model::Delivery;
use dvc_core::catalogue::profile::ApplicantProfile;
use dvc_core::checklist::draft::DraftPlan;

use dvc_core::Core;
use dvc_core::catalogue::profile::Beneficiary;
use dvc_core::field::view::DeliverInput;
use dvc_core::tracking::model::Dispatch;
use dvc_core::tracking::postal::PostalStep;

use super::account::describe;
use super::booking::print_booking;
use super::checklist::print_checklist;
use super::dossiers::print_dossier;
use super::offices::print_office;
use super::qr::verification_lines;
use super::staff::print_worklist;
use crate::shell::{LOCAL_CITIZEN_PHONE, Profile, Shell};

/// The procedure the demo citizen files (birth registration).
const DEMO_PROCEDURE: (&str, &str) = ("1.001193", "Đăng ký khai sinh / Birth registration");
/// Where the demo citizen files it.
const DEMO_OFFICE: &str = "vnp-hoan-kiem";

/// Runs the demo; everything happens in a fresh temporary data folder.
pub fn run() -> CoreResult<()> {
    let tmp = tempfile::tempdir().map_err(dvc_core::CoreError::internal)?;
    let shell = Shell::open(tmp.path(), None)?;
    println!("DVC — Đại lý dịch vụ công tại bưu điện / public-service agents at the post office");
    println!(
        "Máy chủ nhúng / embedded server: {}  (dữ liệu / data: {})",
        shell.url(),
        tmp.path().display()
    );

    step("1. Công dân đăng nhập bằng số điện thoại / A citizen signs in with her phone");
    let citizen = shell.core(Profile::Citizen)?;
    let sent = citizen.block_on(citizen.account().request_code(LOCAL_CITIZEN_PHONE.into()))?;
    let code = shell.sent_code(&sent.phone).unwrap_or_default();
    println!(
        "   SMS tới {}: mã {code} (hết hạn sau {} giây / expires in {} s)",
        sent.phone, sent.expires_in_secs, sent.expires_in_secs
    );
    let session = citizen.block_on(
        citizen
            .account()
            .sign_in_citizen(LOCAL_CITIZEN_PHONE.into(), code),
    )?;
    println!("   {}", describe(&session.principal));

    step(
        "2. Tìm thủ tục, gõ không dấu / She searches without diacritics: \"lam giay khai sinh cho con\"",
    );
    for hit in citizen
        .catalogue()
        .search("lam giay khai sinh cho con", 3)?
    {
        let en = hit.name_en.as_deref().unwrap_or("—");
        println!("   {:<12} {} — {en}", hit.code, hit.short_vi);
    }

    step(
        "3. Xem cần mang giấy tờ gì, đánh dấu những gì đã có / She checks what to bring and ticks what she has",
    );
    let checklists = citizen.checklists();
    let draft = checklists.create_draft(DEMO_PROCEDURE.0, &ApplicantProfile::default())?;
    let first_two: Vec<String> = draft
        .checklist
        .items
        .iter()
        .take(2)
        .map(|i| i.id.clone())
        .collect();
    for id in &first_two {
        checklists.tick(&draft.id, id, true)?;
    }
    print_checklist(&checklists.draft(&draft.id)?.checklist);
    println!("\n   … bà tìm được giấy tờ còn lại / she finds the rest:");
    let missing = checklists.draft(&draft.id)?.checklist.missing;
    for id in &missing {
        checklists.tick(&draft.id, id, true)?;
    }
    let ready = checklists.draft(&draft.id)?;
    println!("   Sẵn sàng / ready: {}", ready.checklist.ready);
    println!("\n   Bản tóm tắt cho nhân viên quầy / summary for the counter clerk:");
    for line in checklists.summary(&draft.id, "vi")?.lines() {
        println!("   | {line}");
    }

    step("4. Tìm đại lý gần nhà (phố Hàng Bài) / She looks for agents near her home");
    for near in citizen.block_on(citizen.offices().nearest(21.0227, 105.8523, 3))? {
        print!("   {:>5.2} km  ", near.distance_km);
        print_office(&near.office);
    }

    step(
        "4b. Đặt lịch hẹn, đổi giờ, rồi huỷ / She books an appointment, moves it, then cancels it",
    );
    let bookings = citizen.bookings();
    let today = citizen
        .clock()
        .now()
        .with_timezone(&dvc_core::time::VN)
        .date_naive();
    let mut view = None;
    for ahead in 1..13 {
        let day = (today + chrono::Duration::days(ahead))
            .format("%Y-%m-%d")
            .to_string();
        let v = citizen.block_on(bookings.slots(DEMO_OFFICE.into(), day))?;
        if v.slots.len() >= 3 {
            view = Some(v);
            break;
        }
    }
    let view =
        view.ok_or_else(|| dvc_core::CoreError::internal("no bookable day in the next 12 days"))?;
    println!(
        "   Ngày {} còn {} khung giờ / {} free slots on {}",
        view.date,
        view.slots.len(),
        view.slots.len(),
        view.date
    );
    let booked = citizen.block_on(bookings.book(
        DEMO_OFFICE.into(),
        view.slots[0].start,
        DEMO_PROCEDURE.0.into(),
        Some(dvc_core::api::model::Priority::Elderly),
    ))?;
    print!("   Đặt / booked:      ");
    print_booking(&booked);
    let moved = citizen.block_on(bookings.reschedule(booked.id.clone(), view.slots[2].start))?;
    print!("   Đổi / moved:       ");
    print_booking(&moved);
    for r in bookings.reminders(&moved.id, &dvc_core::booking::default_rules())? {
        println!(
            "   Nhắc / reminder {}: {}",
            dvc_core::time::format_vn(r.at),
            r.title_vi
        );
    }
    let ics = bookings.ics(&moved.id)?;
    println!(
        "   Lịch (.ics) / calendar file: {} dòng / lines, {}",
        ics.lines().count(),
        ics.lines().find(|l| l.starts_with("DTSTART")).unwrap_or("")
    );
    let staff_view = shell.signed_in(Profile::Counter)?;
    for b in staff_view.block_on(staff_view.bookings().refresh())? {
        print!("   Nhân viên thấy / staff see: ");
        print_booking(&b);
    }
    let cancelled = citizen.block_on(bookings.cancel(moved.id.clone()))?;
    print!("   Huỷ / cancelled:   ");
    print_booking(&cancelled);

    step(
        "5. Nộp hồ sơ: lịch hẹn mới, nhận kết quả tại nhà / She files it: a new appointment, result delivered home",
    );
    println!(
        "   Thủ tục / procedure {} — {}",
        DEMO_PROCEDURE.0, DEMO_PROCEDURE.1
    );
    let appointment = citizen.block_on(bookings.book(
        DEMO_OFFICE.into(),
        view.slots[1].start,
        DEMO_PROCEDURE.0.into(),
        Some(dvc_core::api::model::Priority::Elderly),
    ))?;
    print!("   Lịch hẹn / appointment: ");
    print_booking(&appointment);
    checklists.set_plan(
        &draft.id,
        DraftPlan {
            office_id: None,
            booking_id: Some(appointment.id.clone()),
            delivery: Delivery::Home {
                address: "12 Hàng Bài, phường Hoàn Kiếm".into(),
            },
        },
    )?;
    let unsigned = citizen.qr().draft_code(&draft.id)?;
    println!("   Mã nháp / draft code: {}", unsigned.payload);
    println!("   ({} / {})", unsigned.caption_vi, unsigned.caption_en);
    let filed = citizen.block_on(citizen.dossiers().submit(draft.id.clone()))?;
    print!("   ");
    print_dossier(&filed);
    let code = filed.code.clone().unwrap_or_default();
    let image = citizen.qr().dossier_code(&code)?;
    let symbol = dvc_core::qr::render::Symbol::new(&image.payload)?;
    for line in symbol.terminal().lines() {
        println!("   {line}");
    }
    println!("   {}", image.caption_vi);
    println!(
        "   {} ký tự, QR phiên bản {}-M / {} characters, QR version {}-M: {}",
        image.payload.len(),
        image.version,
        image.payload.len(),
        image.version,
        image.payload
    );

    step(
        "6. Nhân viên quầy quét mã và kiểm tra không cần mạng / The counter clerk scans it and verifies it offline",
    );
    let staff = shell.signed_in(Profile::Counter)?;
    let me = staff.block_on(staff.account().whoami())?;
    println!("   {}", describe(&me));
    staff.block_on(staff.offices().list())?;
    let keys = staff.block_on(staff.qr().refresh_keys())?;
    println!(
        "   Khóa tin cậy đã lưu / trusted keys cached: {}",
        keys.iter()
            .map(|k| k.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let checked = staff.qr().verify(&image.payload);
    for line in verification_lines(&checked) {
        println!("   {line}");
    }
    let mut forged: Vec<char> = image.payload.chars().collect();
    let i = forged.len() / 2;
    forged[i] = if forged[i] == '7' { '8' } else { '7' };
    let forged: String = forged.into_iter().collect();
    let rejected = staff.qr().verify(&forged);
    println!(
        "   Sửa một ký tự / one character changed: {} ({})",
        rejected.message_vi,
        rejected.error.map(|e| e.as_str()).unwrap_or("")
    );
    let scan = staff.block_on(async { Ok(staff.qr().scan(image.payload.clone()).await) })?;
    if let Some(d) = &scan.dossier {
        print!("   Hồ sơ đầy đủ từ máy chủ / full dossier from the server: ");
        print_dossier(d);
    }
    for d in staff.block_on(staff.dossiers().refresh())? {
        print!("   Hồ sơ của bưu cục / office's dossier: ");
        print_dossier(&d);
    }

    step("7. Người khác không xem được hồ sơ này / Another citizen cannot see it");
    let other = shell.device("other-citizen")?;
    let sent = other.block_on(other.account().request_code("0987654321".into()))?;
    let code = shell.sent_code(&sent.phone).unwrap_or_default();
    other.block_on(other.account().sign_in_citizen("0987654321".into(), code))?;
    println!(
        "   Hồ sơ của 0987654321 / dossiers of 0987654321: {}",
        other.block_on(other.dossiers().refresh())?.len()
    );
    match other.block_on(other.dossiers().get(filed.id.clone())) {
        Err(e) if e.kind() == ErrorKind::NotFound => println!(
            "   Mở hồ sơ của người khác / opening hers: {} / {}",
            e.vi(),
            e.en()
        ),
        Err(e) => return Err(e),
        Ok(_) => println!("   !!! hồ sơ lộ ra / dossier leaked"),
    }

    step("8. Ngoại tuyến: danh sách đã lưu vẫn xem được / Offline, the cached list still shows");
    for d in citizen.dossiers().cached()? {
        print!("   ");
        print_dossier(&d);
    }
    let dossier_code = filed.code.clone().unwrap_or_else(|| filed.id.clone());
    deliver_home(&shell, &citizen, &dossier_code)?;
    println!("\nXong / Done.");
    Ok(())
}

/// Steps 9–12: the agency processes the dossier, the citizen follows it,
/// the field staff member delivers it at home after a stretch without
/// signal, and the citizen sees it delivered.
fn deliver_home(shell: &Shell, citizen: &Core, code: &str) -> CoreResult<()> {
    step(
        "9. Cơ quan xử lý hồ sơ; công dân theo dõi / The agency processes it; the citizen follows it",
    );
    let first = citizen.block_on(citizen.tracking().track(code.to_owned()))?;
    println!(
        "   Ngày hẹn trả / promised: {}  ·  dự kiến tới nhà / expected at the door: {}",
        first.promised_date.as_deref().unwrap_or("-"),
        first.expected_delivery.as_deref().unwrap_or("-")
    );
    let quote = citizen.block_on(citizen.tracking().delivery_quote(Beneficiary::Merit))?;
    println!("   {}", quote.text_vi);
    let desk = shell.signed_in(Profile::Counter)?;
    for status in [2, 4, 9] {
        desk.block_on(desk.desk().set_status(code.to_owned(), status, None, None))?;
    }
    let me = crate::shell::LOCAL_STAFF_USER.to_owned();
    let s10 = desk.block_on(desk.desk().dispatch(
        code.to_owned(),
        Dispatch {
            s10: None,
            assignee: me,
            latitude: 21.0262,
            longitude: 105.8560,
            contact_name: "Nguyễn Thị Lan".into(),
            contact_phone: LOCAL_CITIZEN_PHONE.into(),
            beneficiary: Beneficiary::Merit,
        },
    ))?;
    desk.block_on(desk.desk().scan(s10.clone(), PostalStep::OutForDelivery))?;
    citizen.block_on(citizen.tracking().track(code.to_owned()))?;
    let shown = citizen.tracking().pending_notifications()?;
    for n in &shown {
        println!("   🔔 {} — {}  [{}]", n.title_vi, n.body_vi, n.deep_link);
    }
    citizen
        .tracking()
        .mark_shown(shown.iter().map(|n| n.id).collect())?;

    drop(desk);
    step("10. Nhân viên tải danh sách thăm nhà / The field staff member loads the day's visits");
    let field = shell.signed_in(Profile::Staff)?;
    let list = field.block_on(field.field().refresh_worklist())?;
    print_worklist(&list);
    let visit = list
        .visits
        .iter()
        .find(|v| v.s10.as_deref() == Some(s10.as_str()))
        .ok_or_else(|| dvc_core::CoreError::internal("the dispatched visit is not listed"))?
        .clone();
    drop(field);

    step(
        "11. Mất sóng: phát tận nhà và ghi nhận trên máy / No signal: delivered at the door, recorded on the device",
    );
    let offline = shell.offline(Profile::Staff)?;
    // The signature pad's image: a PNG the phone keeps and uploads.
    let mut pad = dvc_core::qr::png::BitImage::new(96, 32);
    pad.fill_dark(8, 14, 80, 3);
    pad.fill_dark(20, 6, 3, 20);
    let signature = shell.data_dir().join("signature.png");
    std::fs::write(&signature, pad.to_png())
        .map_err(|e| dvc_core::CoreError::file(&signature, &e))?;
    let receipt = offline.field().deliver(DeliverInput {
        visit_id: visit.id.clone(),
        s10: s10.clone(),
        recipient_name: "Nguyễn Thị Lan".into(),
        relation: None,
        identity_checked: true,
        signature_sha256: String::new(),
        photo_sha256: None,
        signature_file: Some(signature.to_string_lossy().into_owned()),
        photo_files: Vec::new(),
        fee_receipt: None,
        latitude: Some(21.0262),
        longitude: Some(105.8560),
    })?;
    println!(
        "   Đã ghi mục {} (chờ gửi {}) / entry {} recorded ({} waiting)",
        receipt.seq, receipt.pending, receipt.seq, receipt.pending
    );
    println!(
        "   Thử gửi khi không có sóng: máy thử lại vài lần (vài giây) rồi giữ lại để gửi sau… / Trying to send with no signal: the phone retries a few times (a few seconds), then keeps it for later…"
    );
    let tried = offline.block_on(offline.field().sync_with(50))?;
    println!(
        "   Thử gửi / sync attempt: {} / {}",
        tried.error_vi.as_deref().unwrap_or("-"),
        tried.error_en.as_deref().unwrap_or("-")
    );
    drop(offline);

    step(
        "12. Có sóng lại: đồng bộ; công dân thấy đã phát / Signal again: sync; the citizen sees it delivered",
    );
    let online = shell.signed_in(Profile::Staff)?;
    let report = online.block_on(online.field().sync())?;
    println!(
        "   Đã gửi / sent {}, xác nhận / acknowledged {}, còn chờ / pending {}",
        report.sent, report.acknowledged, report.pending
    );
    let seen = citizen.block_on(citizen.tracking().track(code.to_owned()))?;
    super::track::print(&seen);
    for n in citizen.tracking().pending_notifications()? {
        println!("   🔔 {} — {}", n.title_en, n.body_en);
    }
    Ok(())
}

fn step(title: &str) {
    println!("\n== {title}");
}
