//! Checks for 1.2 — the expected value of a discrete distribution.

use std::collections::BTreeMap;

use mathlings_stats::StatsError;

use super::common::{self, affine};
use super::tables;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_2_expected_value::Impl;

/// Agreement with the reference: Σ xᵢpᵢ over ≤ 30 terms with |xᵢ| ≤ 1e3 and Σpᵢ = 1 has a
/// rounding error of ~n·ε·max|x| ≈ 1e-14·max|x| even summed plainly; the absolute part
/// scales with max|x| because E[X] may be near 0 after cancellation.
fn tolerance(values: &[f64]) -> Tol {
    Tol { rel: 1e-12, abs: 1e-12 * tables::scale(values) }
}

fn call(values: &[f64], probabilities: &[f64]) -> String {
    format!("expected_value({}, {})", show::floats(values), show::floats(probabilities))
}

/// [`call`] of a generated distribution.
fn call_of((values, probabilities): &(Vec<f64>, Vec<f64>)) -> String {
    call(values, probabilities)
}

/// 1 to 29 values with probabilities wᵢ/Σw, integer weights wᵢ ∈ 0..=20.
fn distribution() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    common::distribution(strategies::value(), 20, 1..30)
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_2_expected_value",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("equals Σ xᵢ·pᵢ computed by the reference crate on random distributions")
                .check(|imp, ctx| {
                    ctx.forall(distribution(), call_of, |(x, p)| {
                        let want = mathlings_stats::expected_value(x, p).expect("reference");
                        expect::close(&(imp.expected_value)(x, p), want, tolerance(x))
                    })
                }),
            Property::named("linearity", 2)
                .description("E[aX + b] = a·E[X] + b")
                .check(|imp, ctx| {
                    ctx.forall(
                        (distribution(), -5i32..=5, -100i32..=100),
                        |((x, p), a, b)| {
                            let y = affine(x, *a, *b);
                            format!("{} vs a·E[X] + b with a = {a}, b = {b}, X = {}", call(&y, p), show::floats(x))
                        },
                        |((x, p), a, b)| {
                            let base = expect::ok((imp.expected_value)(x, p), "E[X]")?;
                            let (y, a, b) = (affine(x, *a, *b), f64::from(*a), f64::from(*b));
                            expect::close(&(imp.expected_value)(&y, p), a * base + b, tolerance(&y))
                        },
                    )
                }),
            Property::named("between_min_and_max", 1)
                .description("E[X] lies between the smallest and the largest value")
                .check(|imp, ctx| {
                    ctx.forall(distribution(), call_of, |(x, p)| {
                        expect::between_extremes(&(imp.expected_value)(x, p), x, tolerance(x).abs)
                    })
                }),
            Property::named("tolerates_rounding", 1)
                .description("probabilities whose float sum is 1 only up to rounding (0.7 + 0.1 + 0.1 + 0.1 = 0.9999999999999999) are accepted")
                .check(|imp, ctx| {
                    let cases: [(Vec<f64>, Vec<f64>, f64); 3] = [
                        (vec![1.0, 2.0, 3.0, 4.0], vec![0.7, 0.1, 0.1, 0.1], 1.6),
                        ((1..=10).map(f64::from).collect(), vec![0.1; 10], 5.5),
                        (vec![0.0, 3.0, 6.0], vec![1.0 / 3.0; 3], 3.0),
                    ];
                    for (x, p, want) in cases {
                        ctx.once(&call(&x, &p), || {
                            expect::close(&(imp.expected_value)(&x, &p), want, tolerance(&x))
                        })?;
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 2)
                .description("probabilities that are negative or do not sum to 1, empty input, NaN/±∞ or different lengths give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |x, p| call(x, p) => (imp.expected_value)(x, p);
                        (&[1.0, 2.0], &[0.5, 0.6]) => StatsError::InvalidProbabilities,
                        (&[1.0, 2.0, 3.0], &[0.2, 0.2, 0.2]) => StatsError::InvalidProbabilities,
                        (&[1.0, 2.0], &[1.5, -0.5]) => StatsError::InvalidProbabilities,
                        (&[5.0], &[1.000001]) => StatsError::InvalidProbabilities,
                        (&[], &[]) => StatsError::EmptyInput,
                        (&[1.0, f64::NAN], &[0.5, 0.5]) => StatsError::NonFinite,
                        (&[1.0, f64::INFINITY], &[0.5, 0.5]) => StatsError::NonFinite,
                        (&[1.0, 2.0], &[0.5, f64::NAN]) => StatsError::NonFinite,
                        (&[1.0, 2.0, 3.0], &[0.5, 0.5]) => StatsError::LengthMismatch { left: 3, right: 2 },
                    )
                }),
            Property::named("iris_empirical_distribution", 1)
                .description("E[X] for the empirical distributions of the Iris measurements (each distinct value with its relative frequency) matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "expected_value(&distinct_values, &relative_frequencies) for each column of iris.features";
                    common::iris_lines(ctx, call, |name, column| {
                        // Count each value, keyed by its exact bits (all Iris values are positive).
                        let mut counts: BTreeMap<u64, u32> = BTreeMap::new();
                        for v in column {
                            *counts.entry(v.to_bits()).or_default() += 1;
                        }
                        let values: Vec<f64> = counts.keys().map(|b| f64::from_bits(*b)).collect();
                        let probabilities: Vec<f64> =
                            counts.values().map(|c| f64::from(*c) / 150.0).collect();
                        let e = tables::value(&(imp.expected_value)(&values, &probabilities), 10);
                        format!("E[{name}] = {e} ({} distinct values)\n", values.len())
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("probabilities_not_checked")
                .explanation("Your function accepts probabilities that do not sum to 1 (e.g. [0.5, 0.6]). Such \
                    numbers are not a distribution and Σxᵢpᵢ is not an expected value: return \
                    Err(StatsError::InvalidProbabilities) when any pᵢ < 0 or |Σpᵢ − 1| > 1e-9.")
                .implementation(Impl { expected_value: probabilities_not_checked }),
            Misconception::named("silently_normalized")
                .explanation("Your function divides by Σpᵢ, which silently 'repairs' probabilities that do not \
                    sum to 1. An invalid distribution is almost always a bug upstream; report it with \
                    Err(StatsError::InvalidProbabilities) instead of hiding it.")
                .implementation(Impl { expected_value: silently_normalized }),
            Misconception::named("exact_sum_check")
                .explanation("Your function rejects valid distributions because it tests Σpᵢ == 1.0 exactly. \
                    Float sums carry rounding: 0.7 + 0.1 + 0.1 + 0.1 is 0.9999999999999999. Accept a sum within \
                    a small tolerance: (Σpᵢ − 1).abs() ≤ 1e-9.")
                .implementation(Impl { expected_value: exact_sum_check }),
            Misconception::named("plain_mean")
                .explanation("Your answer is the plain average of the values, as if every value were equally \
                    likely. Weight each value by its probability: E[X] = Σ xᵢ·pᵢ.")
                .implementation(Impl { expected_value: plain_mean }),
        ],
        probe: |imp| {
            let cases: [(&[f64], &[f64]); 3] = [
                (&[1.0, 2.0], &[0.5, 0.6]),
                (&[1.0, 2.0, 3.0, 4.0], &[0.7, 0.1, 0.1, 0.1]),
                (&[0.0, 10.0], &[0.875, 0.125]),
            ];
            cases.iter().map(|(x, p)| tables::value(&(imp.expected_value)(x, p), 6)).collect()
        },
    }
}

/// Empty input, NaN/±∞ and different lengths rejected, the probabilities not checked.
fn basic_checks(x: &[f64], p: &[f64]) -> Result<(), StatsError> {
    mathlings_stats::mean(x)?;
    if p.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if x.len() != p.len() {
        return Err(StatsError::LengthMismatch { left: x.len(), right: p.len() });
    }
    Ok(())
}

fn weighted(x: &[f64], p: &[f64]) -> f64 {
    x.iter().zip(p).map(|(x, p)| x * p).sum()
}

fn probabilities_not_checked(x: &[f64], p: &[f64]) -> Result<f64, StatsError> {
    basic_checks(x, p)?;
    Ok(weighted(x, p))
}

fn silently_normalized(x: &[f64], p: &[f64]) -> Result<f64, StatsError> {
    basic_checks(x, p)?;
    if p.iter().any(|&v| v < 0.0) {
        return Err(StatsError::InvalidProbabilities);
    }
    Ok(weighted(x, p) / p.iter().sum::<f64>())
}

fn exact_sum_check(x: &[f64], p: &[f64]) -> Result<f64, StatsError> {
    basic_checks(x, p)?;
    if p.iter().any(|&v| v < 0.0) || p.iter().sum::<f64>() != 1.0 {
        return Err(StatsError::InvalidProbabilities);
    }
    Ok(weighted(x, p))
}

fn plain_mean(x: &[f64], p: &[f64]) -> Result<f64, StatsError> {
    mathlings_stats::expected_value(x, p)?;
    Ok(x.iter().sum::<f64>() / x.len() as f64)
}
