//! README's examples, run as written: every `cargo run -p dvc-cli -- …`
//! line of the README, in order, on one data folder, with its placeholders
//! (`<booking-id>`, `<draft-id>`, `<dossier-code>`, `'DVC1:…'`, `<visit>`…)
//! filled from what the earlier lines printed. Optional parts in brackets
//! are left out. A line that fails fails the test, so the README stays true.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const PREFIX: &str = "cargo run -p dvc-cli -- ";

/// The README's example lines, comments and `[optional]` parts removed.
fn examples() -> Vec<String> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix(PREFIX))
        .map(|l| {
            let mut line = l.to_owned();
            // `#` starts a comment only outside quotes in these lines.
            if let Some(i) = line.find("  #").or_else(|| line.find(" # ")) {
                line.truncate(i);
            }
            while let (Some(a), Some(b)) = (line.find(" ["), line.find(']')) {
                if b < a {
                    break;
                }
                line.replace_range(a..=b, "");
            }
            line.trim().to_owned()
        })
        .collect()
}

/// Splits a line into words, honouring single and double quotes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, ' ') => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            (None, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}

fn run(dir: &Path, args: &[String]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dvc"))
        .args(args)
        .current_dir(dir)
        .env("DVC_DATA_DIR", dir.join("data"))
        // The examples' clocks start at a fixed working day.
        .env("DVC_NOW", "2026-12-02T08:30:00+07:00")
        .env_remove("DVC_SERVER")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The worklist visit a line means: by what the line does.
fn visit_for(dir: &Path, line: &str, code: &str) -> String {
    let (ok, out, err) = run(dir, &["--json".into(), "staff".into(), "worklist".into()]);
    assert!(ok, "{err}");
    let list: Value = serde_json::from_str(&out).unwrap();
    let visits = list["visits"].as_array().unwrap();
    let found = visits.iter().find(|v| {
        let kind = v["kind"].as_str().unwrap_or("");
        if line.contains("staff deliver") {
            kind == "delivery"
        } else if line.contains("--qr") {
            kind == "pickup" && v["dossier_code"] == code
        } else if line.contains("staff fail") {
            kind == "pickup" && v["address"] == "3 Hàng Khay"
        } else {
            kind == "pickup" && v["address"] == "7 Hàng Gai"
        }
    });
    found.unwrap_or_else(|| panic!("no visit for `{line}` in {list}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn every_readme_example_runs_as_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sig.png"),
        std::fs::read(dvc_e2e::files::signature_file()).unwrap(),
    )
    .unwrap();
    // The photos and scans the pages examples attach.
    for (name, bytes) in [
        (
            "to-khai.pdf",
            [b"%PDF-1.7\n".as_slice(), &[0; 2000]].concat(),
        ),
        ("cccd-front.jpg", dvc_e2e::files::jpeg(80_000, 1)),
        ("cccd-back.jpg", dvc_e2e::files::jpeg(70_000, 2)),
        ("cu-tru.jpg", dvc_e2e::files::jpeg(60_000, 3)),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let mut known: HashMap<&str, String> = HashMap::new();
    let mut delivered = None;
    let lines = examples();
    assert!(lines.len() >= 40, "only {} examples found", lines.len());
    for line in &lines {
        if line == "demo" {
            continue; // run by the demo test
        }
        let mut filled = line.clone();
        for (placeholder, value) in &known {
            filled = filled.replace(placeholder, value);
        }
        if filled.contains("<visit>") {
            let visit = visit_for(
                dir.path(),
                line,
                known.get("<dossier-code>").map_or("", |s| s),
            );
            filled = filled.replace("<visit>", &visit);
        }
        assert!(
            !filled.contains('<') || filled.contains("<moved"),
            "unfilled placeholder in `{filled}`"
        );
        if line.starts_with("staff deliver ") {
            delivered = known.get("<dossier-code>").cloned();
        }
        let args = words(&filled);
        let (ok, out, err) = run(dir.path(), &args);
        assert!(
            ok,
            "README example failed: {filled}\nstdout: {out}\nstderr: {err}"
        );
        // Learn what later lines refer to.
        let json: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
        if line.starts_with("slots ")
            && let Some(start) = json["slots"][1]["start"].as_str()
        {
            known.insert("<slot-start>", start.to_owned());
        }
        if line.starts_with("book ") {
            known.insert("<booking-id>", json["id"].as_str().unwrap().to_owned());
        }
        if line.starts_with("dossier new ") {
            known.insert("<draft-id>", json["draft_id"].as_str().unwrap().to_owned());
        }
        if line.starts_with("staff files ") {
            known.insert("<sha256>", json[0]["sha256"].as_str().unwrap().to_owned());
        }
        if line.starts_with("dossier submit ") {
            let code = json["dossier_code"].as_str().unwrap().to_owned();
            known.insert("<dossier-code|S10>", code.clone());
            known.insert("<dossier-code>", code);
            known.insert("'DVC1:…'", format!("'{}'", json["qr"].as_str().unwrap()));
        }
    }
    // The day ends with the result at home, as the README says.
    let code = delivered.expect("a delivery example");
    let (ok, out, _) = run(dir.path(), &["track".into(), code, "--json".into()]);
    assert!(ok);
    let tracked: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(tracked["postal_step"], "delivered", "{tracked}");
}
