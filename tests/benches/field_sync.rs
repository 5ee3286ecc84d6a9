//! Sync throughput: 10,000 actions recorded offline on a field device, then
//! sent with `FieldService::sync()` (batches of 200) to an in-process
//! server on loopback, with no injected faults. Only the sync is timed.
//!
//! Recording 10,000 actions takes far longer than sending them (each is
//! its own durable transaction), so it is done once: the device's folder
//! and the server's database after the set-up are copied afresh for every
//! iteration, and each iteration syncs the copy to a server started on
//! the copy of its database (SQLite file, WAL, synchronous=FULL, as
//! `dvc-server` runs; the device's database is synchronous=FULL too).
//!
//! Run with `cargo bench -p dvc-e2e --bench field_sync`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use dvc_core::CoreConfig;
use dvc_core::platform::MemorySecureStore;
use dvc_e2e::{STAFF_PASSWORD, World, field_load};

const ACTIONS: usize = 10_000;
const PICKUPS: usize = 20;
const DELIVERIES: usize = 5;

/// The state after the set-up: `server.sqlite3` and the device's folder
/// `phone/`, with its session.
struct Template {
    dir: tempfile::TempDir,
    store: Arc<MemorySecureStore>,
}

/// A scratch folder in memory when there is one (the set-up writes 10,000
/// durable transactions), else the usual temporary folder.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

fn template() -> Template {
    let started = Instant::now();
    let dir = scratch();
    let server_db = dir.path().join("server.sqlite3");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let world = World::start_with(|c| c.db_path = Some(server_db.clone()));
    runtime.block_on(field_load::make_visits(&world, PICKUPS, DELIVERIES));
    let store = Arc::new(MemorySecureStore::default());
    let phone = world.phone_at(&dir.path().join("phone"), world.server.url(), store.clone());
    runtime
        .block_on(
            phone
                .account()
                .sign_in_staff("field-hk".into(), STAFF_PASSWORD.into()),
        )
        .unwrap();
    let list = runtime.block_on(phone.field().refresh_worklist()).unwrap();
    assert_eq!(list.visits.len(), PICKUPS + DELIVERIES);
    let recorded = field_load::record(&phone, ACTIONS);
    assert_eq!(phone.field().pending().unwrap(), ACTIONS as i32);
    drop(phone);
    drop(world);
    eprintln!(
        "field_sync: {ACTIONS} actions on {} visits ({} completed) recorded in {:.1} s",
        PICKUPS + DELIVERIES,
        recorded.completed.len(),
        started.elapsed().as_secs_f64()
    );
    Template { dir, store }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Copies the template's server database files into `to`.
fn copy_server(from: &Path, to: &Path) -> PathBuf {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with("server.sqlite3") {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
    to.join("server.sqlite3")
}

/// One fresh copy synced; returns the time `sync()` took.
fn sync_once(template: &Template) -> Duration {
    let run = tempfile::tempdir().unwrap();
    let server_db = copy_server(template.dir.path(), run.path());
    let phone_dir = run.path().join("phone");
    copy_dir(&template.dir.path().join("phone"), &phone_dir);
    let world = World::start_with(|c| c.db_path = Some(server_db.clone()));
    let mut config = CoreConfig::new(phone_dir.to_string_lossy(), world.server.url());
    config.request_timeout_ms = 30_000;
    let phone = world.open_phone(config, template.store.clone());
    let start = Instant::now();
    let report = phone.block_on(phone.field().sync()).unwrap();
    let took = start.elapsed();
    assert_eq!(
        (report.acknowledged, report.pending, report.rejected),
        (ACTIONS as i32, 0, 0),
        "{report:?}"
    );
    assert!(report.breaks.is_empty(), "{:?}", report.breaks);
    took
}

fn field_sync(c: &mut Criterion) {
    let template = template();
    let mut group = c.benchmark_group("field_sync");
    group
        .throughput(Throughput::Elements(ACTIONS as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    group.bench_function("sync_10000_actions_batch_200", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| sync_once(&template)).sum())
    });
    group.finish();
}

criterion_group!(benches, field_sync);
criterion_main!(benches);
