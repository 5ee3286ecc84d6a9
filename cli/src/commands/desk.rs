//! `dvc staff status | dispatch | scan`: the office side of home service
//! (standing in for the agency's system): record a decision, hand a result
//! to the post for a field staff member, scan an item.

use dvc_core::CoreResult;
use dvc_core::catalogue::profile::Beneficiary;
use dvc_core::tracking::model::Dispatch;
use dvc_core::tracking::postal::PostalStep;
use serde_json::json;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// `dvc staff status <dossier> <code>`.
pub fn status(
    shell: &Shell,
    out: Output,
    dossier: &str,
    code: u8,
    note: Option<String>,
) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Counter)?;
    core.block_on(core.desk().set_status(dossier.to_owned(), code, note, None))?;
    let value = json!({
        "dossier": dossier,
        "status_code": code,
        "status_vi": dvc_core::tracking::status::status_vi(i32::from(code)),
        "status_en": dvc_core::tracking::status::status_en(i32::from(code)),
    });
    out.show(&value, |v| {
        println!(
            "{dossier}: {} / {}",
            v["status_vi"].as_str().unwrap_or_default(),
            v["status_en"].as_str().unwrap_or_default()
        );
    });
    Ok(())
}

/// What `dvc staff dispatch` was given.
pub struct DispatchArgs<'a> {
    /// Dossier id or code.
    pub dossier: &'a str,
    /// Field staff username (default: the field staff member signed in on
    /// this machine, or the local one).
    pub to: Option<String>,
    /// Item number, if already stuck on the envelope.
    pub s10: Option<String>,
    /// Recipient.
    pub contact_name: String,
    /// Recipient's phone.
    pub contact_phone: String,
    /// The door's position.
    pub at: (f64, f64),
    /// Household category.
    pub beneficiary: Beneficiary,
}

/// `dvc staff dispatch <dossier>`: prints the item number.
pub fn dispatch(shell: &Shell, out: Output, args: DispatchArgs<'_>) -> CoreResult<()> {
    let core = shell.signed_in(Profile::Counter)?;
    let assignee = match args.to {
        Some(user) => user,
        None => default_assignee(shell)?,
    };
    let s10 = core.block_on(core.desk().dispatch(
        args.dossier.to_owned(),
        Dispatch {
            s10: args.s10,
            assignee: assignee.clone(),
            latitude: args.at.0,
            longitude: args.at.1,
            contact_name: args.contact_name,
            contact_phone: args.contact_phone,
            beneficiary: args.beneficiary,
        },
    ))?;
    out.show(&json!({ "s10": s10, "assignee": assignee }), |_| {
        println!("Đã giao bưu điện: bưu gửi {s10}, người phát {assignee} / Handed to the post: item {s10}, delivered by {assignee}");
    });
    Ok(())
}

/// `dvc staff scan <s10> <step>`.
pub fn scan(shell: &Shell, out: Output, s10: &str, step: &str) -> CoreResult<()> {
    let step = match PostalStep::parse(step) {
        Some(s @ (PostalStep::InTransit | PostalStep::OutForDelivery)) => s,
        _ => {
            return Err(dvc_core::CoreError::invalid(
                "step",
                "Bước quét là in_transit hoặc out_for_delivery.",
                "The scan step is in_transit or out_for_delivery.",
            ));
        }
    };
    let core = shell.signed_in(Profile::Counter)?;
    core.block_on(core.desk().scan(s10.to_owned(), step))?;
    out.show(&json!({ "s10": s10, "step": step }), |_| {
        println!("{s10}: {} / {}", step.name_vi(), step.name_en());
    });
    Ok(())
}

/// The field staff member a result goes to when `--to` is not given: the
/// one signed in on this machine's field profile, or the local one.
fn default_assignee(shell: &Shell) -> CoreResult<String> {
    Ok(shell
        .core(Profile::Staff)?
        .account()
        .session()?
        .and_then(|s| s.principal.username)
        .unwrap_or_else(|| crate::shell::LOCAL_STAFF_USER.to_owned()))
}
