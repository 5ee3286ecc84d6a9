//! `dvc` as a user runs it: consecutive commands share the data folder,
//! global flags go anywhere, `--json` prints data, errors exit non-zero.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn dvc(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dvc"))
        .args(args)
        .env("DVC_DATA_DIR", data_dir)
        .env_remove("DVC_SERVER")
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn commands_work_on_a_fresh_data_folder_with_no_set_up() {
    let dir = tempfile::tempdir().unwrap();
    let me = json(&dvc(dir.path(), &["whoami", "--json"]));
    assert_eq!(me["kind"], "citizen");
    assert_eq!(me["phone"], "0912345678");
    let staff = json(&dvc(dir.path(), &["--json", "staff", "whoami"]));
    assert_eq!(staff["kind"], "staff");
    assert_eq!(staff["staff_role"], "field");
    assert_eq!(staff["office_id"], "vnp-hoan-kiem");
    assert!(dir.path().join("local/server.sqlite3").exists());
}

#[test]
fn consecutive_commands_see_the_same_state() {
    let dir = tempfile::tempdir().unwrap();
    let first = json(&dvc(dir.path(), &["whoami", "--json"]));
    let second = json(&dvc(dir.path(), &["whoami", "--json"]));
    assert_eq!(
        first["account_id"], second["account_id"],
        "same account, same session"
    );
    let out = dvc(dir.path(), &["logout"]);
    assert!(out.status.success());
    let third = json(&dvc(dir.path(), &["whoami", "--json"]));
    assert_eq!(
        first["account_id"], third["account_id"],
        "the server kept the account"
    );
}

#[test]
fn offices_print_as_json_with_sample_data_marked() {
    let dir = tempfile::tempdir().unwrap();
    let offices = json(&dvc(dir.path(), &["offices", "--json"]));
    let list = offices.as_array().unwrap();
    assert!(
        list.iter()
            .any(|o| o["id"] == "vnp-hoan-kiem" && o["sample"] == false)
    );
    assert!(
        list.iter()
            .filter(|o| o["id"] != "vnp-hoan-kiem")
            .all(|o| o["sample"] == true)
    );
}

#[test]
fn login_with_a_bad_number_fails_with_a_bilingual_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = dvc(dir.path(), &["login", "--phone", "12345"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Lỗi:") && err.contains("Error:"), "{err}");
    let out = dvc(dir.path(), &["login", "--phone", "12345", "--json"]);
    assert!(!out.status.success());
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["error"], "invalid_data");
    assert_eq!(body["field"], "phone");
}

#[test]
fn an_unreachable_server_is_reported_as_offline() {
    let dir = tempfile::tempdir().unwrap();
    let out = dvc(
        dir.path(),
        &["offices", "--server", "http://127.0.0.1:9", "--json"],
    );
    assert!(!out.status.success());
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["error"], "offline");
}

#[test]
fn the_demo_runs_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let out = dvc(dir.path(), &["demo"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Nhân viên / Staff field-local (field) — vnp-hoan-kiem"),
        "{text}"
    );
    assert!(text.contains("Dossier not found."), "{text}");
    assert!(!text.contains("leaked"));
    assert!(text.contains("Xong / Done."));
}
