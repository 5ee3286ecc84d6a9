//! Route planning for home visits: 20 and 60 visits scattered in a ~10 km
//! box around the Hoàn Kiếm post office, starting there. Before the
//! timings it prints, per size, the mean over 50 generated instances of the
//! route length in the given order, as planned (nearest-neighbour + 2-opt)
//! and with nearest-neighbour only. Data come from a fixed seed, so every
//! run sees the same visits.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dvc_core::field::route::{Stop, nearest_neighbour_route, plan_route};

/// Bưu điện Hoàn Kiếm (latitude, longitude).
const POST_OFFICE: (f64, f64) = (21.0262, 105.8535);
/// Half the box side in degrees: 5 km of latitude, and 5 km of longitude
/// at Hanoi's latitude (1° ≈ 111.32 km × cos 21°).
const HALF_LAT: f64 = 5.0 / 111.32;
const HALF_LON: f64 = 5.0 / (111.32 * 0.9336);
const SIZES: [usize; 2] = [20, 60];
const INSTANCES: u64 = 50;
const SEED: u64 = 20_260_101;

fn visits(rng: &mut fastrand::Rng, n: usize) -> Vec<Stop> {
    (0..n)
        .map(|i| Stop {
            id: format!("v{i}"),
            latitude: POST_OFFICE.0 + (rng.f64() * 2.0 - 1.0) * HALF_LAT,
            longitude: POST_OFFICE.1 + (rng.f64() * 2.0 - 1.0) * HALF_LON,
        })
        .collect()
}

fn report(n: usize) {
    let mut rng = fastrand::Rng::with_seed(SEED + n as u64);
    let (mut unordered, mut planned, mut nn) = (0.0, 0.0, 0.0);
    for _ in 0..INSTANCES {
        let stops = visits(&mut rng, n);
        let plan = plan_route(POST_OFFICE, &stops).unwrap();
        let baseline = nearest_neighbour_route(POST_OFFICE, &stops).unwrap();
        assert!(plan.length_km <= baseline.length_km);
        unordered += plan.unordered_km;
        planned += plan.length_km;
        nn += baseline.length_km;
    }
    let k = INSTANCES as f64;
    let (unordered, planned, nn) = (unordered / k, planned / k, nn / k);
    println!(
        "route: {n} visits, unordered {unordered:.1} km, planned {planned:.1} km ({:+.0} %), nearest-neighbour only {nn:.1} km",
        (planned / unordered - 1.0) * 100.0,
    );
}

fn bench(c: &mut Criterion) {
    println!();
    for n in SIZES {
        report(n);
    }
    println!();

    let mut group = c.benchmark_group("route");
    for n in SIZES {
        let stops = visits(&mut fastrand::Rng::with_seed(SEED + n as u64), n);
        group.bench_with_input(BenchmarkId::new("plan_route", n), &stops, |b, stops| {
            b.iter(|| plan_route(black_box(POST_OFFICE), black_box(stops)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
