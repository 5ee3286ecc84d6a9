//! Command-line programs piped into one that exits early (`| head`,
//! `| true`): printing then fails with a broken pipe, which `println!`
//! turns into a panic. Both `dvc` and `dvc-server` exit quietly instead.

/// Installs a panic hook that exits with status 0, silently, when the
/// panic is a failed print to a closed stdout; other panics go on to the
/// default hook.
pub fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if text.starts_with("failed printing to stdout") {
            std::process::exit(0);
        }
        default(info);
    }));
}
