//! `dvc-server` as an administrator runs it: a mistyped database folder is
//! refused, output piped into a command that exits early ends quietly.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dvc-server");

#[test]
fn a_missing_database_folder_is_refused_unless_asked_to_create_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no/such/dir/x.sqlite3");
    let out = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "keys", "list"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no such folder") && err.contains("--create"),
        "{err}"
    );
    assert!(!dir.path().join("no").exists(), "folders were made");
    let made = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "--create", "keys", "list"])
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(db.exists());
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    for args in [
        ["holidays", "show", "--year", "2026"],
        ["keys", "list", "", ""],
    ] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let mut child = Command::new(BIN)
            .args(["--db", db.to_str().unwrap()])
            .args(&args)
            .env("RUST_LOG", "off")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is printed
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {err}");
    }
}
