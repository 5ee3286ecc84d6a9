//! Cold start: open the database file, migrate it, and do the first read,
//! as an app does on launch.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use dvc_core::platform::MemorySecureStore;
use dvc_core::{Core, CoreConfig};

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

criterion_group!(benches, cold_start);
criterion_main!(benches);
