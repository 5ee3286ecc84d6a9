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
    let shown: Vec<serde_json::Value> = list.iter().map(dossier_json).collect();
    out.show(&shown, |_| {
        if list.is_empty() {
            println!("Chưa có hồ sơ. / No dossiers yet.");
        }
        list.iter().for_each(print_dossier);
    });
    Ok(())
}

/// A dossier as JSON: its fields, with the code under both names the
/// commands use (`code`, as the API; `dossier_code`, as `submit` and
/// `track` print it).
pub fn dossier_json(d: &Dossier) -> serde_json::Value {
    let mut value = serde_json::to_value(d).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("dossier_code".to_owned(), serde_json::json!(d.code));
    }
    value
}

/// One dossier on one line.
pub fn print_dossier(d: &Dossier) {
    println!(
        "{}  thủ tục/procedure {}  tại/at {}  trạng thái/status {}  nộp/filed {}",
        d.code.as_deref().unwrap_or(&d.id[..8.min(d.id.len())]),
        d.procedure_code,
        d.office_id,
        d.status_code,
        dvc_core::time::format_vn(d.submitted_at)
    );
}

/// What to file: `dvc dossier new` flags beyond the profile.
pub struct NewDraft<'a> {
    /// Procedure code.
    pub code: &'a str,
    /// Applicant profile.
    pub profile: dvc_core::catalogue::profile::ApplicantProfile,
    /// Documents the person has.
    pub have: Vec<String>,
    /// Booking id.
    pub booking: Option<&'a str>,
    /// Receiving office when there is no booking.
    pub office: Option<&'a str>,
    /// Home delivery address.
    pub deliver_home: Option<&'a str>,
}

/// `dvc dossier new`: a draft dossier with its checklist and plan.
pub fn new_draft(shell: &Shell, out: Output, req: NewDraft<'_>) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    if req.booking.is_some() {
        // The booking must be known on the device: fetch the account's.
        let signed = shell.signed_in(Profile::Citizen)?;
        if let Err(e) = signed.block_on(signed.bookings().refresh())
            && e.kind() != dvc_core::ErrorKind::Offline
        {
            return Err(e);
        }
    }
    let plan = dvc_core::checklist::draft::DraftPlan {
        office_id: req.office.map(str::to_owned),
        booking_id: req.booking.map(str::to_owned),
        delivery: match req.deliver_home {
            Some(address) => dvc_core::api::model::Delivery::Home {
                address: address.to_owned(),
            },
            None => dvc_core::api::model::Delivery::Pickup,
        },
    };
    let draft = core
        .checklists()
        .start_draft(req.code, &req.profile, &req.have, plan)?;
    let missing = draft.checklist.missing.clone();
    // The fee is shown when home delivery is chosen (needs the server's
    // terms; left out offline).
    let quote = match req.deliver_home {
        Some(_) => core
            .block_on(core.tracking().delivery_quote(req.profile.beneficiary))
            .ok(),
        None => None,
    };
    let value = serde_json::json!({
        "delivery_fee": quote,
        "draft_id": draft.id,
        "procedure": draft.checklist.procedure,
        "progress_percent": draft.checklist.progress_percent,
        "ready": draft.checklist.ready,
        "missing": missing,
        "plan": draft.plan,
    });
    out.show(&value, |_| {
        println!("Hồ sơ nháp / draft: {}", draft.id);
        println!(
            "  {}% giấy tờ đã có / documents ready; thiếu/missing: {}",
            draft.checklist.progress_percent,
            if missing.is_empty() {
                "—".to_owned()
            } else {
                missing.join(", ")
            }
        );
        if let Some(q) = &quote {
            println!("  {}\n  {}", q.text_vi, q.text_en);
        }
        println!("  Nộp / submit: dvc dossier submit {}", draft.id);
    });
    Ok(())
}

/// `dvc dossier submit`: files a draft; prints the dossier code and QR.
pub fn submit(shell: &Shell, out: Output, draft_id: &str) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Citizen)?;
    let _progress = super::files::show_progress(&core);
    let dossier = core.block_on(core.dossiers().submit(draft_id.to_owned()))?;
    let value = dossier_json(&dossier);
    out.show(&value, |_| {
        println!(
            "Đã nộp hồ sơ {} / dossier filed.",
            dossier.code.as_deref().unwrap_or(&dossier.id)
        );
        if let Some(check) = &dossier.track_check {
            println!(
                "  Mã kiểm tra để người khác theo dõi / check code for others to follow it: {check}"
            );
        }
        println!(
            "  Xem mã QR / show the QR: dvc qr show {}",
            dossier.code.as_deref().unwrap_or(&dossier.id)
        );
    });
    Ok(())
}

/// What `dvc dossier pickup` was given.
pub struct PickupArgs {
    /// Where to come.
    pub address: String,
    /// Who to meet.
    pub name: String,
    /// The office.
    pub office: String,
    /// The dossier filed online, if any.
    pub dossier: Option<String>,
    /// The procedure, when nothing is filed yet.
    pub procedure: Option<String>,
    /// Household category.
    pub beneficiary: crate::profile_args::BeneficiaryArg,
    /// `LAT,LON`, when known.
    pub at: Option<String>,
}

/// `dvc dossier pickup`: asks for a home pickup; prints the visit booked.
pub fn pickup(shell: &Shell, out: Output, args: PickupArgs) -> CoreResult<()> {
    let beneficiary = args.beneficiary.into();
    let (latitude, longitude) = match args.at.as_deref() {
        Some(text) => {
            let (lat, lon) = crate::commands::offices::parse_position(text)?;
            (Some(lat), Some(lon))
        }
        None => (None, None),
    };
    let core = shell.signed_in(Profile::Citizen)?;
    let visit = core.block_on(core.dossiers().request_pickup(
        dvc_core::field::model::PickupRequest {
            office_id: args.office,
            dossier: args.dossier,
            procedure_code: args.procedure,
            beneficiary,
            contact_name: args.name,
            address: args.address,
            latitude,
            longitude,
        },
    ))?;
    out.show(&visit, |v| {
        println!(
            "Đã hẹn thu hồ sơ tại nhà: {} ({}) / Home pickup booked: {} ({})",
            v.address, v.visit_id, v.address, v.visit_id
        );
        println!(
            "  {} – {} (giờ Việt Nam / Vietnam time)",
            dvc_core::time::format_vn(v.window_start),
            dvc_core::time::format_vn(v.window_end)
        );
    });
    Ok(())
}
