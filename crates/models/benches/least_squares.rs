//! Criterion benchmark: the cost of the refined OLS fit against the plain QR fit it
//! replaced, on NIST Filip (82 × 11) and on a 10,000 × 20 design.
//!
//! Run: `cargo bench -p mathlings-models --bench least_squares -- --warm-up-time 1 --measurement-time 3`
//!
//! "plain QR" is the fit as it was before the refinement, reproduced here from the
//! public pieces of `mathlings-linalg` (columns divided by their norms, Householder QR,
//! R⁻¹ for the standard errors, plain sums): both are measured in the same run.

use criterion::{Criterion, criterion_group};
use mathlings_linalg::{householder_qr, solve_upper_triangular};
use mathlings_models::{LinearRegression, polynomial_design};
use nalgebra::{DMatrix, DVector};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;

/// What the plain fit returns (the fields of `FittedLinearRegression` it computes).
struct PlainFit {
    beta: DVector<f64>,
    standard_errors: DVector<f64>,
    r_squared: f64,
}

/// The OLS fit before the refinement: equilibration by column norms, Householder QR,
/// β = R⁻¹Qᵀy, se = s·‖row of R⁻¹‖, SSE and R² by plain sums.
fn plain_qr_fit(x: &DMatrix<f64>, y: &DVector<f64>) -> PlainFit {
    let design = x.clone().insert_column(0, 1.0);
    let (n, p) = design.shape();
    let scales: Vec<f64> = design.column_iter().map(|c| c.norm()).collect();
    let mut scaled = design.clone();
    for (j, scale) in scales.iter().enumerate() {
        scaled.column_mut(j).unscale_mut(*scale);
    }
    let qr = householder_qr(&scaled).unwrap();
    let z = qr.solve_least_squares(y).unwrap();
    let r = qr.r();
    let mut r_inverse = DMatrix::zeros(p, p);
    for j in 0..p {
        let mut unit = DVector::zeros(p);
        unit[j] = 1.0;
        r_inverse.set_column(j, &solve_upper_triangular(&r, &unit).unwrap());
    }
    let beta = DVector::from_fn(p, |i, _| z[i] / scales[i]);
    let fitted = &design * &beta;
    let sse: f64 = y
        .iter()
        .zip(fitted.iter())
        .map(|(a, b)| (a - b).powi(2))
        .sum();
    let s = (sse / (n - p) as f64).sqrt();
    let mean = mathlings_stats::mean(y.as_slice()).unwrap();
    let total: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    PlainFit {
        standard_errors: DVector::from_fn(p, |i, _| s * r_inverse.row(i).norm() / scales[i]),
        beta,
        r_squared: 1.0 - sse / total,
    }
}

/// Filip's x and y from the test data.
fn filip() -> (Vec<f64>, DVector<f64>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nist/Filip.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let rows: Vec<(f64, f64)> = text
        .lines()
        .skip_while(|line| line.trim() != "data")
        .skip(1)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let mut values = line.split_whitespace().map(|v| v.parse::<f64>().unwrap());
            (values.next().unwrap(), values.next().unwrap())
        })
        .collect();
    (
        rows.iter().map(|r| r.1).collect(),
        DVector::from_iterator(rows.len(), rows.iter().map(|r| r.0)),
    )
}

/// n × k uniform features in [−1, 1] and y = 1 + Xβ + noise: with the intercept a
/// design of n × (k + 1).
fn random_problem(n: usize, k: usize) -> (DMatrix<f64>, DVector<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let x = DMatrix::from_fn(n, k, |_, _| rng.random_range(-1.0..1.0));
    let beta = DVector::from_fn(k, |j, _| j as f64 - 3.5);
    let noise = DVector::from_fn(n, |_, _| rng.random_range(-0.1..0.1));
    let y = (&x * beta).add_scalar(1.0) + noise;
    (x, y)
}

fn least_squares(c: &mut Criterion) {
    let mut group = c.benchmark_group("ols_fit");
    group.sample_size(20);

    let (filip_x, filip_y) = filip();
    let filip_design = polynomial_design(&filip_x, 10).unwrap();
    let plain = plain_qr_fit(&filip_design, &filip_y);
    assert!(plain.beta.len() == 11 && plain.standard_errors.len() == 11 && plain.r_squared > 0.99);
    group.bench_function("filip_82x11/plain_qr", |b| {
        b.iter(|| plain_qr_fit(black_box(&filip_design), black_box(&filip_y)))
    });
    group.bench_function("filip_82x11/refined", |b| {
        b.iter(|| {
            LinearRegression::default()
                .fit(black_box(&filip_design), black_box(&filip_y))
                .unwrap()
        })
    });
    group.bench_function("filip_82x11/refined_polynomial", |b| {
        b.iter(|| {
            LinearRegression::default()
                .fit_polynomial(black_box(&filip_x), 10, black_box(&filip_y))
                .unwrap()
        })
    });

    let (x, y) = random_problem(10_000, 19);
    group.bench_function("random_10000x20/plain_qr", |b| {
        b.iter(|| plain_qr_fit(black_box(&x), black_box(&y)))
    });
    group.bench_function("random_10000x20/refined", |b| {
        b.iter(|| {
            LinearRegression::default()
                .fit(black_box(&x), black_box(&y))
                .unwrap()
        })
    });
    group.finish();
}

/// Times both fits alternately, `rounds` times each, and prints the ratio of the fastest
/// runs: on a shared machine the minimum is the least disturbed estimate, and
/// alternating exposes both fits to the same load.
fn interleaved_ratio(label: &str, rounds: usize, plain: impl Fn(), refined: impl Fn()) {
    use std::time::{Duration, Instant};
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    let (mut best_plain, mut best_refined) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        best_plain = best_plain.min(time(&plain));
        best_refined = best_refined.min(time(&refined));
    }
    println!(
        "interleaved minimum of {rounds}: {label}: plain QR {best_plain:.2?}, refined {best_refined:.2?}, ratio {:.2}",
        best_refined.as_secs_f64() / best_plain.as_secs_f64()
    );
}

fn ratios() {
    let (filip_x, filip_y) = filip();
    let design = polynomial_design(&filip_x, 10).unwrap();
    let fit = LinearRegression::default();
    interleaved_ratio(
        "Filip 82x11, fit(polynomial_design)",
        3000,
        || drop(black_box(plain_qr_fit(&design, &filip_y))),
        || drop(black_box(fit.fit(&design, &filip_y).unwrap())),
    );
    interleaved_ratio(
        "Filip 82x11, fit_polynomial",
        3000,
        || drop(black_box(plain_qr_fit(&design, &filip_y))),
        || {
            drop(black_box(
                fit.fit_polynomial(&filip_x, 10, &filip_y).unwrap(),
            ))
        },
    );
    let (x, y) = random_problem(10_000, 19);
    interleaved_ratio(
        "random 10000x20",
        100,
        || drop(black_box(plain_qr_fit(&x, &y))),
        || drop(black_box(fit.fit(&x, &y).unwrap())),
    );
}

criterion_group!(benches, least_squares);

fn main() {
    // Only under `cargo bench` (not when `cargo test` runs the bench target once).
    if std::env::args().any(|arg| arg == "--bench") {
        ratios();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
