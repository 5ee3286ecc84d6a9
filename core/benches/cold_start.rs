//! Cold start: open the database file, migrate it, and do the first read,
//! as an app does on launch.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use std::io::Write;

use criterion::{Criterion, criterion_group, criterion_main};
use dvc_core::platform::MemorySecureStore;
use dvc_core::{Core, CoreConfig};

/// This process's resident memory in bytes (Linux `/proc/self/statm`).
fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

/// The catalogue as the apps ship it: gzip, in a file.
fn shipped_gzip(dir: &std::path::Path) -> String {
    let path = dir.join("catalogue.json.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(dvc_core::catalogue::BUNDLED_JSON.as_bytes())
        .unwrap();
    let bytes = enc.finish().unwrap();
    std::fs::write(&path, &bytes).unwrap();
    println!(
        "catalogue: {} bytes of JSON, {} bytes gzip-compressed",
        dvc_core::catalogue::BUNDLED_JSON.len(),
        bytes.len()
    );
    path.to_string_lossy().into_owned()
}

/// A phone with its database in `dir`, opened with the shipped file,
/// before its first catalogue use.
fn phone_with(dir: &std::path::Path, catalogue: &str) -> Core {
    let mut config = CoreConfig::new(dir.to_string_lossy(), "http://127.0.0.1:1");
    config.catalogue_path = catalogue.to_owned();
    Core::open(config, Arc::new(MemorySecureStore::default())).unwrap()
}

/// The first catalogue use from the shipped gzip file: inflate, parse,
/// validate, then search — on a phone's first start (the index is built
/// and stored) and on later starts (the stored index is read back).
fn catalogue_cold(c: &mut Criterion) {
    let files = tempfile::tempdir().unwrap();
    let file = shipped_gzip(files.path());
    let dir = tempfile::tempdir().unwrap();
    let core = phone_with(dir.path(), &file);
    let before = resident_bytes();
    core.catalogue().search("khai sinh", 1).unwrap();
    let held = resident_bytes().saturating_sub(before);
    println!(
        "catalogue in memory (data + search index, resident growth): {:.1} MiB",
        held as f64 / 1048576.0
    );
    drop(core);
    // The core is handed back so that dropping it is not timed.
    let first_use = |core: Core| {
        let hits = core.catalogue().search("khai sinh", 1).unwrap();
        (core, hits)
    };
    c.bench_function("catalogue_gzip_first_search_later_start", |b| {
        b.iter_batched(
            || phone_with(dir.path(), &file),
            first_use,
            criterion::BatchSize::PerIteration,
        )
    });
    c.bench_function("catalogue_gzip_first_search_first_start", |b| {
        b.iter_batched(
            || {
                let fresh = tempfile::tempdir().unwrap();
                let core = phone_with(fresh.path(), &file);
                (fresh, core)
            },
            |(fresh, core)| (fresh, first_use(core)),
            criterion::BatchSize::PerIteration,
        )
    });
}

fn cold_start(c: &mut Criterion) {
    let mut group = c.benchmark_group("cold_start");
    // An existing database: the usual launch.
    let dir = tempfile::tempdir().unwrap();
    let config = CoreConfig::new(dir.path().to_string_lossy(), "http://127.0.0.1:1");
    drop(
        Core::open_with_catalogue(
            config.clone(),
            Arc::new(MemorySecureStore::default()),
            dvc_core::catalogue::BUNDLED_JSON,
        )
        .unwrap(),
    );
    group.bench_function("open_migrate_first_read_existing", |b| {
        b.iter(|| {
            let core = Core::open_with_catalogue(
                config.clone(),
                Arc::new(MemorySecureStore::default()),
                dvc_core::catalogue::BUNDLED_JSON,
            )
            .unwrap();
            let cached = core.dossiers().cached().unwrap();
            std::hint::black_box(cached);
        })
    });
    // A first launch: the file is created and every migration runs.
    group.bench_function("open_migrate_first_read_fresh", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let config = CoreConfig::new(dir.path().to_string_lossy(), "http://127.0.0.1:1");
                let core = Core::open_with_catalogue(
                    config,
                    Arc::new(MemorySecureStore::default()),
                    dvc_core::catalogue::BUNDLED_JSON,
                )
                .unwrap();
                std::hint::black_box(core.dossiers().cached().unwrap());
                dir
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, cold_start, catalogue_cold);
criterion_main!(benches);
