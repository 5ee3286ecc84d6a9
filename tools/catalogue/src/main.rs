//! `dvc-catalogue`: writes the procedure catalogue (format 2) from the
//! national portal's facts (`catalogue/facts/portal/`) and the team's
//! curation (`catalogue/curation/`), checks it with the core's own
//! validation, and optionally writes the gzip file the apps ship.
//!
//! ```text
//! dvc-catalogue [--root DIR] [--out FILE] [--gzip FILE] [--check]
//! ```
//! `--check` writes nothing and fails when `--out` differs from what the
//! facts and curation give (the test command runs it).

mod cases;
mod convert;
mod curation;
mod facts;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dvc-catalogue: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = None;
    let mut gzip = None;
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--root" => root = PathBuf::from(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--gzip" => gzip = Some(PathBuf::from(value()?)),
            "--check" => check = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.unwrap_or_else(|| root.join("core/data/catalogue.json"));
    let json = convert::build(&root)?;
    if check {
        let committed = std::fs::read_to_string(&out)
            .map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        if committed != json {
            return Err(format!(
                "{} is not what the facts and curation give: run `cargo run -p dvc-catalogue`",
                out.display()
            ));
        }
        println!("{} is up to date", out.display());
        return Ok(());
    }
    std::fs::write(&out, &json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {} ({} bytes)", out.display(), json.len());
    if let Some(path) = gzip {
        let bytes = gzipped(json.as_bytes())?;
        std::fs::write(&path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}

/// Gzip at the best ratio, with no name or time in the header, so the same
/// catalogue always gives the same bytes.
fn gzipped(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| e.to_string())?;
    enc.finish().map_err(|e| e.to_string())
}
