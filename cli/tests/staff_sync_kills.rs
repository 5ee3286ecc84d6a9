//! Sync under fire: a field device's 1,000 actions, recorded offline, reach
//! the server exactly once each while the syncing process (`dvc staff
//! sync`) is killed with SIGKILL at random moments at least 20 times and
//! the server refuses requests, loses answers after committing and stalls
//! at random. At the end the server holds the 1,000 actions once each, in
//! one unbroken chain, with their effects applied once, and the device's
//! outbox is empty.
//!
//! The kill timing comes from a seeded RNG (printed; set `DVC_SYNC_SEED` to
//! replay a run). Run alone with
//! `cargo test -p dvc-cli --test staff_sync_kills -- --nocapture`.
#![cfg(unix)]
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dvc_core::platform::MemorySecureStore;
use dvc_core::{CoreConfig, DATABASE_FILE};
use dvc_e2e::field_load::{self, DOOR_PHONE};
use dvc_e2e::{OFFLINE_URL, STAFF_PASSWORD, World};
use dvc_server::faults::Faults;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

/// Actions recorded on the device.
const ACTIONS: usize = 1_000;
/// Kills that must land on a running sync while entries are waiting.
const KILLS: u32 = 20;
/// Entries per request while being killed: small, so that one run sends
/// little before it dies and the kills keep finding work.
const KILL_BATCH: &str = "4";
/// A bound on sync runs in the kill phase (each lives at most 300 ms).
const MAX_KILL_RUNS: u32 = 400;
/// A bound on the unkilled runs that finish the job.
const MAX_FINAL_RUNS: u32 = 40;
/// Kill timing replayed by default (CI); `DVC_SYNC_SEED` overrides.
const DEFAULT_SEED: u64 = 0x5eed_2026;
/// Visits on the list: pickups (dossier made at the door) and deliveries.
const PICKUPS: usize = 5;
const DELIVERIES: usize = 2;

fn faults() -> Faults {
    Faults {
        fail_before: 0.15,
        fail_after: 0.15,
        stall_odds: 0.1,
        stall: Duration::from_millis(1_000),
        files: false,
    }
}

/// `dvc --data-dir DATA --server URL ARGS…` as the signed-in field staff.
fn dvc(data: &Path, url: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dvc"));
    cmd.arg("--data-dir")
        .arg(data)
        .arg("--server")
        .arg(url)
        .args(args)
        .env_remove("DVC_DATA_DIR")
        .env_remove("DVC_SERVER")
        .env("DVC_STAFF_PASSWORD", STAFF_PASSWORD)
        // Shorter than the injected stalls: a stalled answer is a timeout.
        .env("DVC_REQUEST_TIMEOUT_MS", "500")
        .env("DVC_LOG", "error");
    cmd
}

fn run(data: &Path, url: &str, args: &[&str]) -> std::process::Output {
    dvc(data, url, args).output().unwrap()
}

/// The staff profile's folder the CLI made under `data` (one per server).
fn staff_dir(data: &Path) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(data)
        .unwrap()
        .map(|e| e.unwrap().path().join("staff"))
        .filter(|p| p.join(DATABASE_FILE).exists())
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one staff profile under {data:?}: {found:?}"
    );
    found.into_iter().next().unwrap()
}

/// The device's database, opened read-only between runs.
fn device_db(dir: &Path) -> Connection {
    Connection::open_with_flags(
        dir.join(DATABASE_FILE),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Failed sends the device noted so far, per waiting entry (kept at the
/// highest value seen: an entry's count goes when it is acknowledged).
fn note_attempts(dir: &Path, seen: &mut HashMap<String, i64>) {
    let conn = device_db(dir);
    let mut stmt = conn
        .prepare("SELECT key, attempts FROM outbox WHERE attempts > 0")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .unwrap();
    for row in rows {
        let (key, attempts) = row.unwrap();
        let slot = seen.entry(key).or_default();
        *slot = (*slot).max(attempts);
    }
}

#[test]
fn a_thousand_actions_arrive_once_through_twenty_kills_and_server_faults() {
    let started = Instant::now();
    let seed = std::env::var("DVC_SYNC_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    println!("kill timing seed: {seed} (replay with DVC_SYNC_SEED={seed})");
    let tmp = tempfile::tempdir().unwrap();
    let server_db = tmp.path().join("server.sqlite3");
    let data = tmp.path().join("cli-data");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();

    // The agency's side, on a healthy server: visits on field-hk's list.
    {
        let clean = World::start_with(|c| c.db_path = Some(server_db.clone()));
        runtime.block_on(field_load::make_visits(&clean, PICKUPS, DELIVERIES));
    }
    // The same data behind a faulty server from now on.
    let world = World::start_with(|c| {
        c.db_path = Some(server_db.clone());
        c.settings.faults = Some(faults());
    });
    let url = world.server.url().to_owned();

    // The field device: signed in with the CLI, list fetched (retried
    // through the faults), then 1,000 actions recorded with no signal.
    let out = run(
        &data,
        &url,
        &["--json", "staff", "login", "--user", "field-hk"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut fetched = false;
    for _ in 0..20 {
        let out = run(&data, &url, &["--json", "staff", "worklist"]);
        if out.status.success() {
            let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            if list["visits"].as_array().map(Vec::len) == Some(PICKUPS + DELIVERIES) {
                fetched = true;
                break;
            }
        }
    }
    assert!(fetched, "the worklist never came through the faults");
    let device = staff_dir(&data);
    let recorded = {
        // Offline, on the server's clock: the actions follow the visits.
        let core = world.open_phone(
            CoreConfig::new(device.to_string_lossy(), OFFLINE_URL),
            Arc::new(MemorySecureStore::default()),
        );
        let recorded = field_load::record(&core, ACTIONS);
        assert_eq!(core.field().pending().unwrap(), ACTIONS as i32);
        recorded
    };
    let local: Vec<(i64, String, String)> = {
        let conn = device_db(&device);
        let mut stmt = conn
            .prepare("SELECT chain_seq, key, hash FROM field_log ORDER BY seq")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(local.len(), ACTIONS);
    let device_id: String = device_db(&device)
        .query_row(
            // One device id per account; one account on this phone.
            "SELECT value FROM settings WHERE key LIKE 'field.device_id:%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let set_up = started.elapsed();

    // Kill phase: start a sync, let it live 20–300 ms, SIGKILL it.
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut attempts = HashMap::new();
    let (mut runs, mut kills, mut finished) = (0u32, 0u32, 0u32);
    let kill_phase = Instant::now();
    while kills < KILLS {
        runs += 1;
        assert!(
            runs <= MAX_KILL_RUNS,
            "only {kills} kills landed with entries waiting in {MAX_KILL_RUNS} runs"
        );
        let waiting = count(&device_db(&device), "SELECT count(*) FROM outbox");
        assert!(
            waiting > 0,
            "the outbox emptied after {kills} kills; record more actions or use smaller batches"
        );
        let mut child = dvc(
            &data,
            &url,
            &["--json", "staff", "sync", "--batch", KILL_BATCH],
        )
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(20..=300)));
        // Child::kill sends SIGKILL; a child that already ended is only reaped.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.signal() == Some(9) {
            kills += 1;
        } else {
            finished += 1;
        }
        note_attempts(&device, &mut attempts);
    }
    let left_after_kills = count(&device_db(&device), "SELECT count(*) FROM outbox");
    let kill_time = kill_phase.elapsed();

    // Final phase: unkilled runs (faults still on) until nothing waits.
    let final_phase = Instant::now();
    let mut final_runs = 0;
    loop {
        final_runs += 1;
        let out = run(&data, &url, &["--json", "staff", "sync"]);
        note_attempts(&device, &mut attempts);
        if out.status.success() {
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(report["pending"], 0, "{report}");
            break;
        }
        assert!(
            final_runs < MAX_FINAL_RUNS,
            "still waiting after {final_runs} runs: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let final_time = final_phase.elapsed();

    // The device: nothing waits, every entry carries the server's answer.
    let conn = device_db(&device);
    assert_eq!(count(&conn, "SELECT count(*) FROM outbox"), 0);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM field_log WHERE outcome = 'applied'"
        ),
        ACTIONS as i64
    );
    drop(conn);

    // The server: each action once, under the device's keys, seq 1..1000,
    // one unbroken chain ending at the device's last hash.
    let db = &world.server.state().db;
    let stored: Vec<(i64, String, String)> = db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT seq, key, outcome FROM staff_action WHERE device_id = ?1 ORDER BY seq, key",
            )?;
            let rows = stmt
                .query_map([&device_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
        .unwrap();
    assert_eq!(
        stored.len(),
        ACTIONS,
        "exactly {ACTIONS} rows for the device"
    );
    let all_rows: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM staff_action", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(all_rows, ACTIONS as i64, "no rows under any other device");
    for (i, ((seq, key, outcome), (local_seq, local_key, _))) in
        stored.iter().zip(&local).enumerate()
    {
        assert_eq!(*seq, i as i64 + 1, "seq 1..{ACTIONS}, each once");
        assert_eq!((seq, key), (local_seq, local_key), "the device's key");
        assert_eq!(outcome, "applied", "entry {seq}");
    }
    let breaks: i64 = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM chain_break WHERE device_id = ?1",
                [&device_id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(breaks, 0, "no chain breaks");
    let head: Option<(i64, String)> = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT last_seq, last_hash FROM device_chain WHERE device_id = ?1",
                [&device_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
        })
        .unwrap();
    let last = local.last().unwrap();
    assert_eq!(head, Some((last.0, last.2.clone())));

    // Effects applied once: the attempts counted on each visit, the visits
    // completed, one dossier per pickup made at the door.
    for (visit, fails) in &recorded.fails {
        let (state, attempts): (String, i64) = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT state, failed_attempts FROM visit WHERE id = ?1",
                    [visit],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?)
            })
            .unwrap();
        assert_eq!(attempts, i64::from(*fails), "failed attempts on {visit}");
        if recorded.completed.contains(visit) {
            assert_eq!(state, "done", "{visit}");
        }
    }
    let door_dossiers: i64 = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM dossier d JOIN account a ON a.id = d.owner_id
                 WHERE a.phone = ?1",
                [DOOR_PHONE],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(door_dossiers, i64::from(recorded.door_dossiers));

    let failed_entry_sends: i64 = attempts.values().sum();
    println!(
        "{ACTIONS} actions over {} visits ({} completed); set-up {:.1} s",
        PICKUPS + DELIVERIES,
        recorded.completed.len(),
        set_up.as_secs_f64()
    );
    println!(
        "kill phase: {runs} runs, {kills} SIGKILLs landed, {finished} ended on their own, \
         {} entries left, {:.1} s",
        left_after_kills,
        kill_time.as_secs_f64()
    );
    println!(
        "final phase: {final_runs} runs, {:.1} s; failed sends seen (at least): {} entry sends \
         ≈ {} requests; total {:.1} s",
        final_time.as_secs_f64(),
        failed_entry_sends,
        failed_entry_sends / 4,
        started.elapsed().as_secs_f64()
    );
}
