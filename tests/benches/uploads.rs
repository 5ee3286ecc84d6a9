//! Upload throughput: filing a draft with one 4 MB page through
//! `DossierService::submit_with` to an in-process server on loopback that
//! keeps files on disk (its data folder, as `dvc-server` runs), at several
//! chunk sizes. The chunk size is the only difference between the cases,
//! so their ratio is the overhead of chunking (one request, one fsync and
//! one database read per chunk). Each iteration sends a new file (a file
//! the server has is not sent again); making the draft and copying the
//! page into the phone's store are not timed.
//!
//! Run with `cargo bench -p dvc-e2e --bench uploads`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use dvc_core::catalogue::profile::{ApplicantProfile, Channel};
use dvc_core::checklist::draft::DraftPlan;
use dvc_core::platform::MemorySecureStore;
use dvc_e2e::World;
use dvc_e2e::files::jpeg;

const PAGE_BYTES: usize = 4_000_000;
const CHUNKS: [(usize, &str); 4] = [
    (64 * 1024, "64 KiB"),
    (256 * 1024, "256 KiB"),
    (1024 * 1024, "1 MiB (default)"),
    (4 * 1024 * 1024, "4 MiB (whole page)"),
];

fn uploads(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let world = World::start_with(|cfg| {
        cfg.db_path = Some(dir.path().join("server.sqlite3"));
        cfg.settings.files.chunk_bytes = 4 * 1024 * 1024;
        cfg.settings.files.day_bytes = u64::MAX / 4;
        cfg.settings.files.account_bytes = u64::MAX / 4;
        cfg.settings.files.day_files = u32::MAX;
        cfg.settings.filing.max_per_day = u32::MAX;
        cfg.settings.filing.max_open = u32::MAX;
    });
    let store = Arc::new(MemorySecureStore::default());
    let phone = world.phone_at(&dir.path().join("phone"), world.server.url(), store);
    runtime.block_on(async {
        let sent = phone
            .account()
            .request_code("0912345678".into())
            .await
            .unwrap();
        let code = world.codes.last_code(&sent.phone).unwrap();
        phone
            .account()
            .sign_in_citizen("0912345678".into(), code)
            .await
            .unwrap();
    });
    let profile = ApplicantProfile {
        channel: Channel::Counter,
        ..Default::default()
    };
    let plan = DraftPlan {
        office_id: Some("vnp-hoan-kiem".into()),
        ..Default::default()
    };
    let mut seed = 0u64;
    let mut group = c.benchmark_group("upload_4mb_page");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(PAGE_BYTES as u64));
    for (chunk, name) in CHUNKS {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    seed += 1;
                    let path = dir.path().join("page.jpg");
                    std::fs::write(&path, jpeg(PAGE_BYTES, seed)).unwrap();
                    let draft = phone
                        .checklists()
                        .start_draft("3.000333", &profile, &[], plan.clone())
                        .unwrap()
                        .id;
                    phone
                        .checklists()
                        .attach(&draft, "id_copy", &[path.to_string_lossy().into_owned()])
                        .unwrap();
                    draft
                },
                |draft| {
                    let filed = runtime
                        .block_on(phone.dossiers().submit_with(draft, chunk))
                        .unwrap();
                    assert_eq!(filed.pages.len(), 1);
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, uploads);
criterion_main!(benches);
