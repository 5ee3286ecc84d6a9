//! `dvc login`, `dvc logout`, `dvc whoami` and their `dvc staff …` twins.

use std::io::{BufRead, Write};

use dvc_core::account::Session;
use dvc_core::api::model::{AccountKind, Principal};
use dvc_core::{CoreError, CoreResult};

use crate::output::Output;
use crate::shell::{LOCAL_STAFF_USER, Profile, Shell};

/// `dvc login --phone NUMBER [--code CODE]`.
pub fn login(shell: &Shell, out: Output, phone: &str, code: Option<String>) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let sent = core.block_on(core.account().request_code(phone.into()))?;
    let code = match code.or_else(|| shell.sent_code(&sent.phone)) {
        Some(code) => code,
        None => prompt(&format!(
            "Mã xác thực đã gửi tới {} / Code sent to {}: ",
            sent.phone, sent.phone
        ))?,
    };
    let session = core.block_on(core.account().sign_in_citizen(phone.into(), code))?;
    out.show(&session, print_session);
    Ok(())
}

/// `dvc staff login --user NAME` (password from `DVC_STAFF_PASSWORD` or stdin).
pub fn staff_login(
    shell: &Shell,
    out: Output,
    user: &str,
    password: Option<String>,
) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    let local = (user == LOCAL_STAFF_USER)
        .then(|| shell.local_staff_password())
        .flatten();
    let password = match password.or_else(|| local.map(str::to_owned)) {
        Some(p) => p,
        None => prompt("Mật khẩu / Password: ")?,
    };
    let session = core.block_on(core.account().sign_in_staff(user.into(), password))?;
    out.show(&session, print_session);
    Ok(())
}

/// `dvc logout` / `dvc staff logout`.
pub fn logout(
    shell: &Shell,
    out: Output,
    profile: Profile,
    discard_drafts: bool,
) -> CoreResult<()> {
    let core = shell.core(profile)?;
    core.block_on(core.account().sign_out_with(discard_drafts))
        .map_err(|e| match e.reason() {
            // The confirmation the core asks for is this flag here.
            Some("drafts_will_be_lost") => CoreError::conflict(
                dvc_core::Reason::DraftsWillBeLost,
                format!("{} Dùng --discard-drafts.", e.vi()),
                format!("{} Use --discard-drafts.", e.en()),
            ),
            _ => e,
        })?;
    out.show(&serde_json::json!({ "signed_out": true }), |_| {
        println!("Đã đăng xuất. / Signed out.");
    });
    Ok(())
}

/// `dvc whoami` / `dvc staff whoami`: asks the server who is signed in.
pub fn whoami(shell: &Shell, out: Output, profile: Profile) -> CoreResult<()> {
    let core = shell.signed_in(profile)?;
    let me = core.block_on(core.account().whoami())?;
    out.show(&me, |p| println!("{}", describe(p)));
    Ok(())
}

/// One line saying who `p` is.
pub fn describe(p: &Principal) -> String {
    match p.kind {
        AccountKind::Citizen => format!("Công dân / Citizen {}", p.phone.as_deref().unwrap_or("?")),
        AccountKind::Staff => format!(
            "Nhân viên / Staff {} ({}) — {}",
            p.username.as_deref().unwrap_or("?"),
            p.staff_role.map_or("?", |r| r.as_str()),
            p.office_id.as_deref().unwrap_or("?")
        ),
    }
}

fn print_session(s: &Session) {
    println!("Đã đăng nhập / Signed in: {}", describe(&s.principal));
    println!(
        "Hết hạn / Expires: {} (giờ Việt Nam / Vietnam time)",
        dvc_core::time::format_vn(s.expires_at)
    );
}

fn prompt(question: &str) -> CoreResult<String> {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(dvc_core::CoreError::internal)?;
    Ok(line.trim().to_owned())
}
