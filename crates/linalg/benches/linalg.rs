//! Criterion benchmarks: ours against nalgebra at n = 100 and 300.
//!
//! Run: `cargo bench -p mathlings-linalg --bench linalg -- --warm-up-time 1 --measurement-time 3`

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mathlings_linalg::{matmul_blocked, matmul_naive, solve, svd, symmetric_eigen};
use nalgebra::{DMatrix, DVector};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;

const SIZES: [usize; 2] = [100, 300];

fn random_matrix(n: usize, seed: u64) -> DMatrix<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    DMatrix::from_fn(n, n, |_, _| rng.random_range(-1.0..1.0))
}

fn matmul(c: &mut Criterion) {
    let mut group = c.benchmark_group("matmul");
    group.sample_size(10);
    for n in SIZES {
        let (a, b) = (random_matrix(n, 1), random_matrix(n, 2));
        group.bench_with_input(BenchmarkId::new("naive", n), &n, |bench, _| {
            bench.iter(|| matmul_naive(black_box(&a), black_box(&b)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("blocked_rayon", n), &n, |bench, _| {
            bench.iter(|| matmul_blocked(black_box(&a), black_box(&b)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("nalgebra", n), &n, |bench, _| {
            bench.iter(|| black_box(&a) * black_box(&b))
        });
    }
    group.finish();
}

fn lu_solve(c: &mut Criterion) {
    let mut group = c.benchmark_group("lu_solve");
    group.sample_size(10);
    for n in SIZES {
        let a = random_matrix(n, 3);
        let b = DVector::from_fn(n, |i, _| i as f64);
        group.bench_with_input(BenchmarkId::new("ours", n), &n, |bench, _| {
            bench.iter(|| solve(black_box(&a), black_box(&b)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("nalgebra", n), &n, |bench, _| {
            bench.iter(|| black_box(&a).clone().lu().solve(black_box(&b)).unwrap())
        });
    }
    group.finish();
}

fn eigen(c: &mut Criterion) {
    let mut group = c.benchmark_group("symmetric_eigen");
    group.sample_size(10);
    for n in SIZES {
        let r = random_matrix(n, 4);
        let a = (&r + r.transpose()) * 0.5;
        group.bench_with_input(BenchmarkId::new("ours", n), &n, |bench, _| {
            bench.iter(|| symmetric_eigen(black_box(&a)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("nalgebra", n), &n, |bench, _| {
            bench.iter(|| black_box(&a).clone().symmetric_eigen())
        });
    }
    group.finish();
}

fn singular_values(c: &mut Criterion) {
    let mut group = c.benchmark_group("svd");
    group.sample_size(10);
    for n in SIZES {
        let a = random_matrix(n, 5);
        group.bench_with_input(BenchmarkId::new("ours", n), &n, |bench, _| {
            bench.iter(|| svd(black_box(&a)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("nalgebra", n), &n, |bench, _| {
            bench.iter(|| nalgebra::SVD::new(black_box(&a).clone(), true, true))
        });
    }
    group.finish();
}

criterion_group!(benches, matmul, lu_solve, eigen, singular_values);
criterion_main!(benches);
