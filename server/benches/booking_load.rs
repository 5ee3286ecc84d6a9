//! Load benchmark: bookings per second through the whole HTTP stack of an
//! in-process server on loopback (SQLite file, WAL, synchronous=FULL), with
//! many clients at once, and a check that no slot ends above capacity.
//! Run with `cargo bench -p dvc-server --bench booking_load`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Instant;

use dvc_server::auth::otp::CaptureSender;
use dvc_server::{RunningServer, ServerConfig};
use serde_json::{Value, json};

const CITIZENS: usize = 1_000;
const PROCEDURES: [&str; 3] = ["1.001193", "1.000894", "1.004222"];
const CONCURRENCY: usize = 64;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let codes = Arc::new(CaptureSender::default());
    let mut config = ServerConfig::new(Some(dir.path().join("server.sqlite3")), codes.clone());
    config.settings.otp_resend = std::time::Duration::ZERO;
    // One office with room for everyone, so every booking can succeed.
    let mut offices: Value = serde_json::from_str(dvc_server::offices::BUNDLED).unwrap();
    offices["offices"][0]["capacity_per_slot"] = json!(1_000_000);
    config.offices_json = Some(offices.to_string());
    let server = RunningServer::start(&config).unwrap();
    let url = server.url().to_owned();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let http = reqwest::Client::new();
        let today = chrono::Utc::now().with_timezone(&dvc_core::time::VN).date_naive();
        let mut slots: Vec<Value> = Vec::new();
        for ahead in 1..13 {
            let day = (today + chrono::Duration::days(ahead)).format("%Y-%m-%d").to_string();
            let day_slots: Vec<Value> = http.get(format!("{url}/v1/offices/vnp-hoan-kiem/slots?date={day}")).send().await.unwrap().json().await.unwrap();
            slots.extend(day_slots);
        }
        let mut tokens = Vec::with_capacity(CITIZENS);
        for i in 0..CITIZENS {
            let phone = format!("09{:08}", 20_000_000 + i);
            http.post(format!("{url}/v1/auth/otp")).json(&json!({"phone": phone})).send().await.unwrap();
            let code = codes.last_code(&phone).unwrap();
            let grant: Value = http.post(format!("{url}/v1/auth/citizen")).json(&json!({"phone": phone, "code": code})).send().await.unwrap().json().await.unwrap();
            tokens.push(grant["token"].as_str().unwrap().to_owned());
        }
        let jobs: Vec<(String, Value)> = tokens
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                PROCEDURES.iter().enumerate().map({
                    let slots = &slots;
                    move |(p, code)| (t.clone(), json!({"office_id": "vnp-hoan-kiem", "slot_start": slots[(i * 3 + p) % slots.len()]["start"], "procedure_code": code}))
                })
            })
            .collect();
        let total = jobs.len();
        let queue = Arc::new(tokio::sync::Mutex::new(jobs));
        let start = Instant::now();
        let workers: Vec<_> = (0..CONCURRENCY)
            .map(|_| {
                let (queue, http, url) = (queue.clone(), http.clone(), url.clone());
                tokio::spawn(async move {
                    let mut ok = 0usize;
                    loop {
                        let Some((token, body)) = queue.lock().await.pop() else { break };
                        let resp = http.post(format!("{url}/v1/bookings")).bearer_auth(token).json(&body).send().await.unwrap();
                        assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap_or_default());
                        ok += 1;
                    }
                    ok
                })
            })
            .collect();
        let mut booked = 0;
        for w in workers {
            booked += w.await.unwrap();
        }
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(booked, total);
        println!("booking_load: {total} bookings by {CITIZENS} citizens, {CONCURRENCY} clients at once, over {} slots", slots.len());
        println!("booking_load: {:.2} s, {:.0} bookings per second (HTTP + auth + one IMMEDIATE transaction each, synchronous=FULL)", secs, total as f64 / secs);
    });
    drop(server);
    // No slot above capacity, and every booking stored once.
    let conn = rusqlite::Connection::open(dir.path().join("server.sqlite3")).unwrap();
    let stored: i64 = conn
        .query_row(
            "SELECT count(*) FROM booking WHERE status = 'active'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored as usize, CITIZENS * PROCEDURES.len());
}
