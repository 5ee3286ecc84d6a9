//! `dvc` as a user runs it: consecutive commands share the data folder,
//! global flags go anywhere, `--json` prints data, errors exit non-zero.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

/// The instant every command here starts its clocks at (`DVC_NOW`): a
/// Wednesday, 08:30 in Hanoi. No test depends on the day it runs.
const NOW: &str = "2026-12-02T08:30:00+07:00";

fn dvc(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dvc"))
        .args(args)
        .env("DVC_DATA_DIR", data_dir)
        .env("DVC_NOW", NOW)
        .env_remove("DVC_SERVER")
        .output()
        .unwrap()
}

/// Runs `dvc` expecting it to refuse (non-zero exit); its JSON answer.
fn refused(data_dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = dvc(data_dir, args);
    assert!(!out.status.success(), "{args:?} was accepted");
    serde_json::from_slice(&out.stdout).unwrap()
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
fn eight_commands_at_once_on_a_fresh_data_folder_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<_> = (0..8)
        .map(|i| {
            let path = dir.path().to_owned();
            std::thread::spawn(move || {
                let args: &[&str] = match i % 4 {
                    0 => &["offices", "--json"],
                    1 => &["whoami", "--json"],
                    2 => &["--json", "staff", "whoami"],
                    _ => &["--json", "staff", "dossiers"],
                };
                dvc(&path, args)
            })
        })
        .collect();
    for run in runs {
        let out = run.join().unwrap();
        json(&out);
    }
}

#[test]
fn a_corrupt_secure_store_names_the_file_moves_it_aside_and_signs_in_again() {
    let dir = tempfile::tempdir().unwrap();
    json(&dvc(dir.path(), &["whoami", "--json"]));
    let store = dir.path().join("local/citizen/secure-store.json");
    std::fs::write(&store, "{1: broken").unwrap();
    let out = dvc(dir.path(), &["whoami", "--json"]);
    let me = json(&out);
    assert_eq!(me["phone"], "0912345678");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("secure-store.json") && err.contains("corrupt-"),
        "{err}"
    );
    assert!(err.contains("sign in again"), "{err}");
}

#[test]
fn unknown_answers_offices_item_countries_and_status_codes_are_refused_early() {
    let dir = tempfile::tempdir().unwrap();
    let body = refused(
        dir.path(),
        &[
            "checklist",
            "1.001193",
            "--answer",
            "nonexistent=yes",
            "--json",
        ],
    );
    assert_eq!(body["field"], "answer", "{body}");
    assert!(
        body["en"]
            .as_str()
            .unwrap()
            .contains("has_birth_certificate"),
        "{body}"
    );
    json(&dvc(dir.path(), &["offices", "--json"]));
    let body = refused(
        dir.path(),
        &[
            "dossier", "new", "1.001193", "--office", "nowhere", "--json",
        ],
    );
    assert_eq!(body["field"], "office_id", "{body}");
    let body = refused(dir.path(), &["s10", "check", "RB123456785XX", "--json"]);
    assert_eq!(body["reason"], "country", "{body}");
    let draft = json(&dvc(
        dir.path(),
        &[
            "--json",
            "dossier",
            "new",
            "1.001193",
            "--office",
            "vnp-hoan-kiem",
        ],
    ));
    let filed = json(&dvc(
        dir.path(),
        &[
            "--json",
            "dossier",
            "submit",
            draft["draft_id"].as_str().unwrap(),
        ],
    ));
    assert_eq!(filed["track_check"].as_str().unwrap().len(), 6);
    let code = filed["dossier_code"].as_str().unwrap();
    let body = refused(dir.path(), &["--json", "staff", "status", code, "11"]);
    assert!(body["en"].as_str().unwrap().contains("1–10"), "{body}");
    let empty = dvc(dir.path(), &["staff", "worklist"]);
    let text = String::from_utf8_lossy(&empty.stdout);
    assert!(
        text.contains("Route 0.0 km") && !text.contains("-0.0"),
        "{text}"
    );
}

#[test]
fn after_the_embedded_servers_database_is_reset_the_local_accounts_sign_in_again() {
    let dir = tempfile::tempdir().unwrap();
    json(&dvc(dir.path(), &["whoami", "--json"]));
    json(&dvc(dir.path(), &["--json", "staff", "whoami"]));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("local/server.sqlite3{suffix}")));
    }
    assert_eq!(
        json(&dvc(dir.path(), &["whoami", "--json"]))["phone"],
        "0912345678"
    );
    assert_eq!(
        json(&dvc(dir.path(), &["--json", "staff", "whoami"]))["staff_role"],
        "field"
    );
    json(&dvc(dir.path(), &["--json", "staff", "dossiers"]));
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
    let body = refused(dir.path(), &["login", "--phone", "12345", "--json"]);
    assert_eq!(body["error"], "invalid_data");
    assert_eq!(body["field"], "phone");
}

#[test]
fn an_unreachable_server_is_reported_as_offline() {
    let dir = tempfile::tempdir().unwrap();
    let body = refused(
        dir.path(),
        &["offices", "--server", "http://127.0.0.1:9", "--json"],
    );
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
        text.contains("Nhân viên / Staff counter-local (counter) — vnp-hoan-kiem"),
        "{text}"
    );
    assert!(text.contains("Dossier not found."), "{text}");
    assert!(text.contains("✔ Mã hợp lệ: hồ sơ 000.00.01.H26-"), "{text}");
    assert!(
        text.contains("(bad_signature)") || text.contains("(malformed)"),
        "{text}"
    );
    assert!(!text.contains("leaked"));
    assert!(text.contains("Xong / Done."));
    assert!(text.contains("Trying to send with no signal"), "{text}");
}

#[test]
fn the_real_catalogue_follows_the_cli_contract() {
    let dir = tempfile::tempdir().unwrap();
    let stats = json(&dvc(dir.path(), &["catalog", "stats", "--json"]));
    assert_eq!(stats["procedures"], 4606);
    assert_eq!(stats["detailed"], 112);
    assert!(stats["version"].is_string());
    // Filters: a business query stays among business procedures.
    let hits = json(&dvc(
        dir.path(),
        &[
            "catalog",
            "search",
            "thanh lap",
            "--for",
            "business",
            "--field",
            "doanh nghiep",
            "--limit",
            "5",
            "--json",
        ],
    ));
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        for field in ["code", "name_vi", "score", "match"] {
            assert!(!h[field].is_null(), "{field}: {h}");
        }
        assert!(
            h.get("name_en").is_some(),
            "name_en may be null but is there"
        );
        let score = h["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
    // Nonsense never comes back as a confident answer.
    let none = json(&dvc(
        dir.path(),
        &["catalog", "search", "gia vang hom nay", "--json"],
    ));
    assert!(
        none.as_array()
            .unwrap()
            .iter()
            .all(|h| h["match"] == "weak"),
        "{none}"
    );
    // A procedure without a checklist is shown with its agency and level.
    let shown = json(&dvc(dir.path(), &["catalog", "show", "1.001456", "--json"]));
    for field in [
        "code", "name_vi", "fields", "level", "agencies", "channels", "source",
    ] {
        assert!(!shown[field].is_null(), "{field}: {shown}");
    }
    assert_eq!(shown["documents_known"], false);
    let detailed = json(&dvc(dir.path(), &["catalog", "show", "1.003677", "--json"]));
    assert_eq!(detailed["documents_known"], true);
    let channel = &detailed["channels"][0];
    for field in ["channel", "time_unit", "fees"] {
        assert!(!channel[field].is_null(), "{field}: {channel}");
    }
    // Cases as a question: picking one brings its documents.
    let open = json(&dvc(dir.path(), &["checklist", "1.003677", "--json"]));
    assert_eq!(open["ready"], false);
    assert_eq!(open["case"]["options"].as_array().unwrap().len(), 2);
    let picked = json(&dvc(
        dir.path(),
        &["checklist", "1.003677", "--answer", "case=2", "--json"],
    ));
    assert_eq!(picked["case"]["chosen"], 2);
    assert!(picked["items"].as_array().unwrap().len() > open["items"].as_array().unwrap().len());
    let bad = dvc(
        dir.path(),
        &["checklist", "1.003677", "--answer", "case=zero"],
    );
    assert!(!bad.status.success());
}

#[test]
fn catalog_search_finds_what_people_type_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let hits = json(&dvc(
        dir.path(),
        &[
            "catalog",
            "search",
            "dang ky khai sinh",
            "--limit",
            "3",
            "--json",
        ],
    ));
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 3);
    assert_eq!(hits[0]["code"], "1.001193");
    for field in ["code", "name_vi", "name_en", "score"] {
        assert!(!hits[0][field].is_null(), "{field}");
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
}

#[test]
fn checklist_json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let plain = json(&dvc(dir.path(), &["checklist", "1.001193", "--json"]));
    assert_eq!(plain["procedure"], "1.001193");
    let items = plain["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        for field in [
            "id",
            "name_vi",
            "name_en",
            "originals",
            "copies",
            "action",
            "have",
        ] {
            assert!(!item[field].is_null(), "{field} in {item}");
        }
        assert!(item["action"] == "submit" || item["action"] == "show");
    }
    assert_eq!(plain["ready"], false);
    assert_eq!(plain["missing"].as_array().unwrap().len(), items.len());
    assert!(
        plain["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w.is_string())
    );

    let all: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let have = all.join(",");
    let ready = json(&dvc(
        dir.path(),
        &["checklist", "1.001193", "--have", &have, "--json"],
    ));
    assert_eq!(ready["ready"], true);
    assert!(ready["missing"].as_array().unwrap().is_empty());
    assert!(
        ready["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["have"] == true)
    );

    let rep = json(&dvc(
        dir.path(),
        &[
            "checklist",
            "1.001193",
            "--as",
            "representative",
            "--channel",
            "post",
            "--beneficiary",
            "merit",
            "--json",
        ],
    ));
    assert!(
        rep["items"].as_array().unwrap().len() > items.len(),
        "a representative brings more"
    );
}

#[test]
fn checklist_of_an_unknown_code_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dvc(dir.path(), &["checklist", "9.999999"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("9.999999") && err.contains("Error:"), "{err}");
    let body = refused(
        dir.path(),
        &["checklist", "1.001193", "--have", "no_such_paper", "--json"],
    );
    assert_eq!(body["field"], "document_id");
}

#[test]
fn marriage_checklist_warns_both_must_come_and_no_result_by_post() {
    let dir = tempfile::tempdir().unwrap();
    let c = json(&dvc(dir.path(), &["checklist", "1.000894", "--json"]));
    let codes: Vec<&str> = c["warning_details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"presence_required") && codes.contains(&"no_result_by_post"),
        "{codes:?}"
    );
}

#[test]
fn calendar_commands_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let l = json(&dvc(
        dir.path(),
        &["calendar", "lunar", "2026-02-17", "--json"],
    ));
    assert_eq!(
        l,
        serde_json::json!({"day": 1, "month": 1, "year": 2026, "leap": false})
    );
    let leap = json(&dvc(
        dir.path(),
        &["calendar", "lunar", "2025-07-25", "--json"],
    ));
    assert_eq!(leap["leap"], true);
    let s = json(&dvc(
        dir.path(),
        &["calendar", "solar", "10", "3", "2026", "--json"],
    ));
    assert_eq!(s, serde_json::json!({"date": "2026-04-26"}));
    let s = json(&dvc(
        dir.path(),
        &["calendar", "solar", "1", "6", "2025", "--leap", "--json"],
    ));
    assert_eq!(s["date"], "2025-07-25");
    let h = json(&dvc(
        dir.path(),
        &["calendar", "holidays", "2026", "--json"],
    ));
    let days = h.as_array().unwrap();
    assert!(
        days.iter()
            .all(|d| d["date"].is_string() && d["name_vi"].is_string() && d["name_en"].is_string())
    );
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    for expected in [
        "2026-01-01",
        "2026-02-17",
        "2026-04-30",
        "2026-05-01",
        "2026-09-02",
    ] {
        assert!(dates.contains(&expected), "{expected} in {dates:?}");
    }
    // 2026 as decided: the nine days of Tết, Monday 31/8 off for Saturday
    // 22/8, which is listed as worked.
    for decided in ["2026-02-16", "2026-02-20", "2026-08-31"] {
        assert!(dates.contains(&decided), "{decided} in {dates:?}");
    }
    let worked: Vec<&str> = days
        .iter()
        .filter(|d| d["working"] == true)
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(worked, ["2026-08-22"]);
    assert!(days.iter().all(|d| d["working"].is_boolean()));
    let out = dvc(
        dir.path(),
        &["calendar", "solar", "30", "1", "2026", "--leap", "--json"],
    );
    assert!(!out.status.success());
}

#[test]
fn offices_near_a_position_come_nearest_first() {
    let dir = tempfile::tempdir().unwrap();
    let near = json(&dvc(
        dir.path(),
        &["offices", "--near", "21.0227,105.8523", "--json"],
    ));
    let list = near.as_array().unwrap();
    assert_eq!(list[0]["office"]["id"], "vnp-hoan-kiem");
    let d: Vec<f64> = list
        .iter()
        .map(|n| n["distance_km"].as_f64().unwrap())
        .collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "{d:?}");
}

#[test]
fn book_list_reschedule_and_cancel_from_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .date_naive();
    let slots = (1..13)
        .map(|ahead| {
            (today + chrono::Duration::days(ahead))
                .format("%Y-%m-%d")
                .to_string()
        })
        .map(|day| {
            json(&dvc(
                dir.path(),
                &["slots", "vnp-hoan-kiem", "--date", &day, "--json"],
            ))
        })
        .find(|v| v["slots"].as_array().is_some_and(|s| s.len() >= 2))
        .unwrap();
    assert_eq!(slots["stale"], false);
    let first = slots["slots"][0]["start"].as_str().unwrap();
    let second = slots["slots"][1]["start"].as_str().unwrap();
    let b = json(&dvc(
        dir.path(),
        &[
            "book",
            "vnp-hoan-kiem",
            first,
            "--procedure",
            "1.001193",
            "--json",
        ],
    ));
    let id = b["id"].as_str().unwrap();
    assert_eq!(b["status"], "active");
    let list = json(&dvc(dir.path(), &["bookings", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    let moved = json(&dvc(dir.path(), &["reschedule", id, second, "--json"]));
    assert_eq!(moved["slot_start"], second);
    let cancelled = json(&dvc(dir.path(), &["cancel", id, "--json"]));
    assert_eq!(cancelled["status"], "cancelled");
    // Twice, and reminders of a cancelled appointment: said plainly.
    let again = dvc(dir.path(), &["cancel", id]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("already cancelled"));
    let body = refused(dir.path(), &["reminders", id, "--json"]);
    assert_eq!(body["reason"], "cancelled", "{body}");
    // Invented procedures are refused, as `checklist` refuses them.
    for bad in ["9.999999", "x<script>"] {
        let body = refused(
            dir.path(),
            &[
                "book",
                "vnp-hoan-kiem",
                second,
                "--procedure",
                bad,
                "--json",
            ],
        );
        assert_eq!(body["reason"], "unknown_procedure", "{body}");
    }
    let out = dvc(
        dir.path(),
        &[
            "book",
            "vnp-hoan-kiem",
            "not-a-time",
            "--procedure",
            "1.001193",
            "--json",
        ],
    );
    assert!(!out.status.success());
}

#[test]
fn a_dossier_is_drafted_submitted_shown_and_verified_from_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let draft = json(&dvc(
        dir.path(),
        &[
            "dossier",
            "new",
            "1.001193",
            "--have",
            "declaration_form,birth_certificate",
            "--office",
            "vnp-hoan-kiem",
            "--deliver-home",
            "12 Tràng Tiền",
            "--json",
        ],
    ));
    let draft_id = draft["draft_id"].as_str().unwrap();
    assert_eq!(draft["missing"], serde_json::json!(["id_card"]));
    let filed = json(&dvc(dir.path(), &["dossier", "submit", draft_id, "--json"]));
    let code = filed["dossier_code"].as_str().unwrap();
    let qr = filed["qr"].as_str().unwrap();
    assert!(
        code.starts_with("000.00.01.H26-") && code.ends_with("-0001"),
        "{code}"
    );
    assert!(qr.starts_with("DVC1:"));

    let svg = dir.path().join("code.svg");
    let png = dir.path().join("code.png");
    let shown = dvc(
        dir.path(),
        &[
            "qr",
            "show",
            code,
            "--svg",
            svg.to_str().unwrap(),
            "--png",
            png.to_str().unwrap(),
        ],
    );
    assert!(shown.status.success());
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains('█') && text.contains(qr), "{text}");
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));

    let ok = json(&dvc(dir.path(), &["qr", "verify", qr, "--json"]));
    assert_eq!(ok["valid"], true);
    assert_eq!(ok["dossier_code"], code);
    assert_eq!(ok["procedure"], "1.001193");
    assert!(ok["expires_at"].is_string());
    let from_image = json(&dvc(
        dir.path(),
        &["qr", "verify", "--image", png.to_str().unwrap(), "--json"],
    ));
    assert_eq!(from_image["dossier_code"], code);

    let mut tampered: Vec<char> = qr.chars().collect();
    let i = tampered.len() - 5;
    tampered[i] = if tampered[i] == 'Q' { 'R' } else { 'Q' };
    let tampered: String = tampered.into_iter().collect();
    for (payload, error) in [
        (tampered.as_str(), None),
        ("DVC2:ABC", Some("unsupported_version")),
        ("hello", Some("malformed")),
    ] {
        let out = dvc(dir.path(), &["qr", "verify", payload, "--json"]);
        assert_eq!(out.status.code(), Some(1));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["valid"], false);
        let got = v["error"].as_str().unwrap();
        assert!(
            ["malformed", "bad_signature"].contains(&got) || Some(got) == error,
            "{payload}: {got}"
        );
        if let Some(e) = error {
            assert_eq!(got, e);
        }
    }

    let keys = json(&dvc(dir.path(), &["qr", "keys", "--json"]));
    assert_eq!(keys[0]["id"], "k1");
    assert_eq!(keys[0]["public_key"].as_str().unwrap().len(), 43);
    assert!(keys[0]["valid_from"].is_string());
}

#[test]
fn s10_check_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let ok = dvc(dir.path(), &["s10", "check", "RB123456785GB"]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&ok.stdout).trim(), "valid");
    let bad = dvc(dir.path(), &["s10", "check", "RB123456786US"]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&bad.stdout).trim(), "check_digit");
    let short = dvc(dir.path(), &["s10", "check", "RB12345678", "--json"]);
    assert_eq!(short.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&short.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["reason"], "length");
    let v = json(&dvc(
        dir.path(),
        &["s10", "check", "ee 1234 5678 5 vn", "--json"],
    ));
    assert_eq!(v["valid"], true);
    assert_eq!(v["id"], "EE123456785VN");
}

#[test]
fn staff_deliver_sync_and_track_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let draft = json(&dvc(
        dir.path(),
        &[
            "--json",
            "dossier",
            "new",
            "1.001193",
            "--office",
            "vnp-hoan-kiem",
            "--have",
            "declaration_form",
            "--deliver-home",
            "5 Lý Thái Tổ",
        ],
    ));
    let filed = json(&dvc(
        dir.path(),
        &[
            "--json",
            "dossier",
            "submit",
            draft["draft_id"].as_str().unwrap(),
        ],
    ));
    let code = filed["dossier_code"].as_str().unwrap().to_owned();
    let tracked = json(&dvc(dir.path(), &["track", &code, "--json"]));
    assert_eq!(tracked["dossier_code"], code.as_str());
    assert_eq!(tracked["status_code"], 1);
    assert_eq!(tracked["status_vi"], "Mới tiếp nhận");
    assert_eq!(tracked["status_en"], "Newly submitted");
    assert!(tracked["expected_delivery"].is_string());
    let first = &tracked["events"][0];
    assert!(chrono::DateTime::parse_from_rfc3339(first["at"].as_str().unwrap()).is_ok());
    assert_eq!(first["kind"], "status");

    for status in ["2", "4", "9"] {
        json(&dvc(
            dir.path(),
            &["--json", "staff", "status", &code, status],
        ));
    }
    let sent = json(&dvc(
        dir.path(),
        &[
            "--json",
            "staff",
            "dispatch",
            &code,
            "--contact-name",
            "Trần Văn Bình",
            "--contact-phone",
            "0912345678",
            "--at",
            "21.03,105.85",
            "--beneficiary",
            "social",
        ],
    ));
    let s10 = sent["s10"].as_str().unwrap().to_owned();
    let list = json(&dvc(dir.path(), &["--json", "staff", "worklist"]));
    let visit = list["visits"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(list["visits"][0]["fee_vnd"], 0);

    let signature = dir.path().join("signature.png");
    std::fs::copy(dvc_e2e::files::signature_file(), &signature).unwrap();
    let no_id = dvc(
        dir.path(),
        &[
            "--json",
            "staff",
            "deliver",
            &visit,
            "--s10",
            &s10,
            "--recipient",
            "Trần Văn Bình",
            "--signature",
            signature.to_str().unwrap(),
        ],
    );
    assert!(!no_id.status.success(), "identity must be checked");
    let bad_item = dvc(
        dir.path(),
        &[
            "staff",
            "deliver",
            &visit,
            "--s10",
            "RB123456786VN",
            "--recipient",
            "B",
            "--id-checked",
            "--signature",
            signature.to_str().unwrap(),
        ],
    );
    assert!(!bad_item.status.success());
    let receipt = json(&dvc(
        dir.path(),
        &[
            "--json",
            "staff",
            "deliver",
            &visit,
            "--s10",
            &s10,
            "--recipient",
            "Trần Văn Bình",
            "--id-checked",
            "--signature",
            signature.to_str().unwrap(),
            "--at",
            "21.03,105.85",
        ],
    ));
    assert_eq!(receipt["pending"], 1);
    let failed = dvc(
        dir.path(),
        &["staff", "fail", &visit, "--reason", "not_home"],
    );
    assert!(
        !failed.status.success(),
        "a visit done on the device takes no more actions"
    );

    let report = json(&dvc(dir.path(), &["--json", "staff", "sync"]));
    assert_eq!(report["sent"], 1);
    assert_eq!(report["acknowledged"], 1);
    assert_eq!(report["pending"], 0);
    let again = json(&dvc(dir.path(), &["--json", "staff", "sync"]));
    assert_eq!(
        (again["sent"].as_u64(), again["pending"].as_u64()),
        (Some(0), Some(0))
    );

    let seen = json(&dvc(dir.path(), &["track", &s10, "--json"]));
    assert_eq!(seen["status_code"], 10);
    let kinds: Vec<&str> = seen["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.ends_with(&["handed_to_post", "delivered", "status"]),
        "{kinds:?}"
    );
    let bad = dvc(dir.path(), &["track", "RB123456786VN", "--json"]);
    assert!(!bad.status.success());
}

#[test]
fn a_server_that_never_answers_costs_one_deadline_not_one_per_try() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    // Accepts every connection and never answers.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming() {
            held.push(conn);
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let start = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_dvc"))
        .args(["--server", &url, "offices", "--json"])
        .env("DVC_DATA_DIR", dir.path())
        .env("DVC_REQUEST_TIMEOUT_MS", "1500")
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(!out.status.success());
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["error"], "offline", "{body}");
    assert!(
        body["en"]
            .as_str()
            .unwrap()
            .contains("did not answer within 2 seconds"),
        "{body}"
    );
    assert!(took < std::time::Duration::from_millis(4_000), "{took:?}");
}

/// Files a home-delivery dossier, has it processed and dispatched to the
/// local field staff member; returns (dossier code, S10, visit id).
fn dispatched_delivery(dir: &Path) -> (String, String, String) {
    let draft = json(&dvc(
        dir,
        &[
            "--json",
            "dossier",
            "new",
            "1.001193",
            "--office",
            "vnp-hoan-kiem",
            "--deliver-home",
            "5 Lý Thái Tổ",
        ],
    ));
    let filed = json(&dvc(
        dir,
        &[
            "--json",
            "dossier",
            "submit",
            draft["draft_id"].as_str().unwrap(),
        ],
    ));
    let code = filed["dossier_code"].as_str().unwrap().to_owned();
    for status in ["2", "4", "9"] {
        json(&dvc(dir, &["--json", "staff", "status", &code, status]));
    }
    let sent = json(&dvc(
        dir,
        &[
            "--json",
            "staff",
            "dispatch",
            &code,
            "--contact-name",
            "Bình",
            "--contact-phone",
            "0912345678",
            "--at",
            "21.03,105.85",
            "--beneficiary",
            "merit",
        ],
    ));
    let s10 = sent["s10"].as_str().unwrap().to_owned();
    let list = json(&dvc(dir, &["--json", "staff", "worklist"]));
    let visit = list["visits"][0]["id"].as_str().unwrap().to_owned();
    (code, s10, visit)
}

#[test]
fn an_unsent_delivery_in_a_damaged_staff_database_is_recovered_and_sent_once() {
    let dir = tempfile::tempdir().unwrap();
    let (code, s10, visit) = dispatched_delivery(dir.path());
    let signature = dir.path().join("signature.png");
    std::fs::copy(dvc_e2e::files::signature_file(), &signature).unwrap();
    let receipt = json(&dvc(
        dir.path(),
        &[
            "--json",
            "staff",
            "deliver",
            &visit,
            "--s10",
            &s10,
            "--recipient",
            "Bình",
            "--id-checked",
            "--signature",
            signature.to_str().unwrap(),
        ],
    ));
    assert_eq!(receipt["pending"], 1);
    // The file is moved aside as a damaged one would be (with its WAL).
    let db = dir.path().join("local/staff/dvc-core.sqlite3");
    let aside = dir.path().join("local/staff/dvc-core.sqlite3.corrupt-1");
    for suffix in ["", "-wal", "-shm"] {
        let from = format!("{}{suffix}", db.display());
        if std::path::Path::new(&from).exists() {
            std::fs::rename(&from, format!("{}{suffix}", aside.display())).unwrap();
        }
    }
    let got = json(&dvc(
        dir.path(),
        &["--json", "staff", "recover", aside.to_str().unwrap()],
    ));
    assert_eq!(
        (got["entries"].as_u64(), got["unsent"].as_u64()),
        (Some(1), Some(1)),
        "{got}"
    );
    let report = json(&dvc(dir.path(), &["--json", "staff", "sync"]));
    assert_eq!(
        (report["acknowledged"].as_u64(), report["pending"].as_u64()),
        (Some(1), Some(0)),
        "{report}"
    );
    let tracked = json(&dvc(dir.path(), &["track", &code, "--json"]));
    assert_eq!(tracked["postal_step"], "delivered", "{tracked}");
    // A second recovery would fork the chain: refused.
    let again = dvc(
        dir.path(),
        &["--json", "staff", "recover", aside.to_str().unwrap()],
    );
    assert!(!again.status.success());
}

#[test]
fn a_damaged_staff_database_says_where_unsent_actions_went() {
    let dir = tempfile::tempdir().unwrap();
    json(&dvc(dir.path(), &["--json", "staff", "worklist"]));
    let db = dir.path().join("local/staff/dvc-core.sqlite3");
    let _ = std::fs::remove_file(dir.path().join("local/staff/dvc-core.sqlite3-wal"));
    std::fs::write(&db, b"garbage, not a database at all, field data lost?").unwrap();
    let out = dvc(dir.path(), &["--json", "staff", "worklist"]);
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let text = format!("{body}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        text.contains("corrupt-") && text.contains("dvc staff recover"),
        "{text}"
    );
}

#[test]
fn output_speaks_one_style_and_reminders_survive_signing_in_again() {
    let dir = tempfile::tempdir().unwrap();
    let b = json(&dvc(
        dir.path(),
        &[
            "book",
            "vnp-hoan-kiem",
            "--first-free",
            "--procedure",
            "1.001193",
            "--json",
        ],
    ));
    let id = b["id"].as_str().unwrap().to_owned();
    // A time in the past says so.
    let body = refused(
        dir.path(),
        &[
            "book",
            "vnp-hoan-kiem",
            "2025-12-01T01:00:00Z",
            "--procedure",
            "1.000894",
            "--json",
        ],
    );
    assert_eq!(body["reason"], "in_the_past", "{body}");
    assert!(
        body["en"].as_str().unwrap().contains("in the past"),
        "{body}"
    );
    // After signing in again the phone has no bookings kept: fetched on a miss.
    json(&dvc(dir.path(), &["logout", "--json"]));
    let reminders = json(&dvc(dir.path(), &["reminders", &id, "--json"]));
    assert!(!reminders.as_array().unwrap().is_empty());
    let ics = json(&dvc(dir.path(), &["ics", &id, "--json"]));
    assert!(ics["ics"].as_str().unwrap().starts_with("BEGIN:VCALENDAR"));
    assert_eq!(ics["booking_id"], id.as_str());
    // One name for one thing, instants with Z.
    let draft = json(&dvc(
        dir.path(),
        &[
            "--json",
            "dossier",
            "new",
            "1.001193",
            "--office",
            "vnp-hoan-kiem",
            "--have",
            "declaration_form,birth_certificate,id_card",
        ],
    ));
    let filed = json(&dvc(
        dir.path(),
        &[
            "--json",
            "dossier",
            "submit",
            draft["draft_id"].as_str().unwrap(),
        ],
    ));
    assert_eq!(filed["code"], filed["dossier_code"]);
    let list = json(&dvc(dir.path(), &["--json", "dossier", "list"]));
    assert_eq!(list[0]["dossier_code"], filed["dossier_code"]);
    assert_eq!(list[0]["code"], filed["dossier_code"]);
    let code = filed["dossier_code"].as_str().unwrap();
    let tracked = json(&dvc(dir.path(), &["track", code, "--json"]));
    assert!(
        tracked["events"][0]["at"].as_str().unwrap().ends_with('Z'),
        "{tracked}"
    );
    // The clerk counts the documents the case needs.
    let checked = json(&dvc(
        dir.path(),
        &["qr", "verify", filed["qr"].as_str().unwrap(), "--json"],
    ));
    assert_eq!(
        (
            checked["documents_held_count"].as_u64(),
            checked["documents_total"].as_u64()
        ),
        (Some(3), Some(3)),
        "{checked}"
    );
    let demo = dvc(dir.path(), &["demo", "--json"]);
    let body: serde_json::Value = serde_json::from_slice(&demo.stdout).unwrap();
    assert_eq!(body["field"], "json", "{body}");
}

#[test]
fn dvc_now_pins_the_date_and_a_bad_value_is_refused_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dvc(
        dir.path(),
        &["slots", "vnp-hoan-kiem", "--date", "tomorrow", "--json"],
    );
    assert!(out.status.success(), "{out:?}");
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["date"], "2026-12-03", "{view}");
    let out = Command::new(env!("CARGO_BIN_EXE_dvc"))
        .args(["offices", "--json"])
        .env("DVC_DATA_DIR", dir.path())
        .env("DVC_NOW", "next tuesday")
        .env_remove("DVC_SERVER")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(err["field"], "DVC_NOW", "{err}");
    assert!(err["vi"].as_str().unwrap().contains("RFC 3339"), "{err}");
}

/// Eight `dvc` processes started at once on a fresh data folder: each
/// creates and migrates the same databases (the embedded server's and its
/// device's), and all of them answer.
#[test]
fn eight_processes_opening_a_fresh_data_folder_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_dvc"))
                .args(["--json", "slots", "vnp-hoan-kiem", "--date", "tomorrow"])
                .env("DVC_DATA_DIR", dir.path())
                .env("DVC_NOW", NOW)
                .env_remove("DVC_SERVER")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for run in runs {
        let out = run.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(view["date"], "2026-12-03", "{view}");
    }
}

#[test]
fn pages_follow_the_cli_contract_from_attach_to_the_counters_copy() {
    let dir = tempfile::tempdir().unwrap();
    let draft = json(&dvc(
        dir.path(),
        &[
            "--json",
            "dossier",
            "new",
            "3.000333",
            "--channel",
            "online",
            "--office",
            "vnp-hoan-kiem",
        ],
    ))["draft_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let photo = dir.path().join("cccd.jpg");
    std::fs::write(&photo, dvc_e2e::files::jpeg(120_000, 1)).unwrap();
    let form = dir.path().join("form.pdf");
    std::fs::write(&form, [b"%PDF-1.7\n".as_slice(), &[0u8; 3000]].concat()).unwrap();
    let heic = dir.path().join("photo.heic");
    std::fs::write(&heic, b"\0\0\0\x18ftypheic").unwrap();
    // `dossier attach` → the document's attachments: sha256, bytes, type, page.
    let pages = json(&dvc(
        dir.path(),
        &[
            "--json",
            "dossier",
            "attach",
            &draft,
            "id_copy",
            photo.to_str().unwrap(),
            form.to_str().unwrap(),
        ],
    ));
    let pages = pages.as_array().unwrap();
    assert_eq!(pages.len(), 2);
    for (p, (kind, bytes)) in pages.iter().zip([("jpeg", 120_000), ("pdf", 3009)]) {
        assert_eq!(p["type"], kind);
        assert_eq!(p["bytes"], bytes);
        assert_eq!(p["sha256"].as_str().unwrap().len(), 64);
    }
    assert_eq!(
        (pages[0]["page"].as_i64(), pages[1]["page"].as_i64()),
        (Some(1), Some(2))
    );
    let e = refused(
        dir.path(),
        &[
            "--json",
            "dossier",
            "attach",
            &draft,
            "id_copy",
            heic.to_str().unwrap(),
        ],
    );
    assert_eq!(e["reason"], "wrong_file_type", "{e}");
    // Filing online without a page for every document is refused, naming them.
    let e = refused(dir.path(), &["--json", "dossier", "submit", &draft]);
    assert_eq!(e["field"], "pages", "{e}");
    for doc in ["request_form", "residence_copy"] {
        json(&dvc(
            dir.path(),
            &[
                "--json",
                "dossier",
                "attach",
                &draft,
                doc,
                photo.to_str().unwrap(),
            ],
        ));
    }
    let filed = json(&dvc(dir.path(), &["--json", "dossier", "submit", &draft]));
    let code = filed["dossier_code"].as_str().unwrap().to_owned();
    assert_eq!(filed["pages"].as_array().unwrap().len(), 4);
    assert!(
        json(&dvc(dir.path(), &["--json", "dossier", "queue"]))
            .as_array()
            .unwrap()
            .is_empty()
    );
    // `staff files` → document id, page, sha256, bytes, type; `staff file`
    // writes one, checked.
    let files = json(&dvc(dir.path(), &["--json", "staff", "files", &code]));
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 4);
    let pdf = files.iter().find(|f| f["type"] == "pdf").unwrap();
    assert_eq!(
        (
            pdf["document_id"].as_str(),
            pdf["page"].as_i64(),
            pdf["bytes"].as_i64()
        ),
        (Some("id_copy"), Some(2), Some(3009))
    );
    let out = dir.path().join("copy.pdf");
    let wrote = json(&dvc(
        dir.path(),
        &[
            "--json",
            "staff",
            "file",
            &code,
            pdf["sha256"].as_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    assert_eq!(wrote["bytes"], 3009);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&form).unwrap());
    let e = refused(
        dir.path(),
        &[
            "--json",
            "staff",
            "file",
            &code,
            &"0".repeat(64),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(e["error"], "not_found", "{e}");
}
