//! A line on the terminal when a command waits on a remote server for
//! more than a second, so a slow or silent server is not a silent `dvc`.

use std::io::IsTerminal;
use std::time::Duration;

/// After a second, if the command is still running and stderr is a
/// terminal, says that `dvc` is waiting for the server (and how long it
/// will wait at most).
pub fn after_a_second() {
    if !std::io::stderr().is_terminal() {
        return;
    }
    let limit = std::env::var("DVC_REQUEST_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|ms| *ms > 0)
        .unwrap_or(15_000);
    let _ = std::thread::Builder::new()
        .name("dvc-progress".to_owned())
        .spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            eprintln!(
                "… đang chờ máy chủ (tối đa {s} giây) / waiting for the server (at most {s} s) …",
                s = limit.div_ceil(1000)
            );
        });
}
