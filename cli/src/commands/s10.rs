//! `dvc s10 check`: is this a valid UPU S10 postal item number?

use std::process::ExitCode;

use dvc_core::tracking::s10::S10;

use crate::output::Output;

/// Prints `valid` (exit 0) or the reason (exit 1); `--json` gives
/// `{"valid": bool, "reason": …}`.
pub fn check(out: Output, id: &str) -> ExitCode {
    let result = id.parse::<S10>();
    let value = serde_json::json!({
        "valid": result.is_ok(),
        "reason": result.as_ref().err().map(|p| p.as_str()),
        "id": result.as_ref().ok().map(S10::as_str),
    });
    out.show(&value, |_| match &result {
        Ok(_) => println!("valid"),
        Err(p) => {
            println!("{}", p.as_str());
            eprintln!("{} / {}", p.message_vi(), p.message_en());
        }
    });
    if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
