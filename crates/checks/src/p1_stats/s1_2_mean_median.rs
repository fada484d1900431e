//! Checks for 1.2 — the mean (compensated summation) and the median.

use mathlings_stats::StatsError;

use super::common::{self, affine, sorted};
use super::tables;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_2_mean_median::Impl;

/// A statistic of a sample: `mean` or `median`.
type Statistic = fn(&[f64]) -> Result<f64, StatsError>;

/// Agreement on ordinary samples (≤ 40 values ≤ 1e3): even plain summation is accurate to
/// ~n·ε·max|x| ≈ 1e-14·max|x|; the absolute part scales with max|x| because a mean near 0
/// has no meaningful relative error.
fn tolerance(x: &[f64]) -> Tol {
    Tol { rel: 1e-12, abs: 1e-12 * tables::scale(x) }
}

/// The compensated mean of small values hidden between ±1e15 pairs: Neumaier's sum is
/// accurate to about ε·|sum| + n·ε²·Σ|xᵢ| ≈ 1e-13 here, while plain summation rounds each
/// small term to a multiple of 0.125 (the spacing of doubles near 1e15).
const COMPENSATED: Tol = Tol { rel: 1e-9, abs: 1e-9 };

fn call(f: &str, x: &[f64]) -> String {
    format!("{f}({})", show::floats(x))
}

/// Small values with +M and −M inserted after each one (M = 1e15·k): the big terms cancel
/// exactly, so the true mean is Σ small / n.
fn hidden(small: &[f64]) -> Vec<f64> {
    let big = |k: usize| 1e15 * (k % 3 + 1) as f64;
    small.iter().enumerate().flat_map(|(k, &v)| [v, big(k), -big(k)]).collect()
}

fn exact_mean_of_hidden(small: &[f64]) -> f64 {
    // Σ small is accurate (no cancellation against 1e15), then divide by the full length.
    mathlings_stats::mean(small).expect("reference mean") * small.len() as f64
        / (3 * small.len()) as f64
}

/// `got` (mean or median) equals the reference's `want` on random samples.
fn agrees(ctx: &Ctx, name: &str, got: Statistic, want: Statistic) -> Verdict {
    ctx.forall(
        strategies::sample(1..40),
        |x| call(name, x),
        |x| expect::close(&got(x), want(x).expect("reference"), tolerance(x)),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_2_mean_median",
        properties: vec![
            Property::named("mean_matches_reference", 2)
                .description("mean equals the reference crate's mean on random samples")
                .check(|imp, ctx| agrees(ctx, "mean", imp.mean, mathlings_stats::mean)),
            Property::named("median_matches_reference", 2)
                .description("median equals the reference crate's median on random samples (odd and even lengths)")
                .check(|imp, ctx| agrees(ctx, "median", imp.median, mathlings_stats::median)),
            Property::named("compensated_mean", 2)
                .description("the mean survives cancellation: mean([1, 1e16, 1, −1e16]) = 0.5, and small values hidden between ±1e15 pairs are not rounded away")
                .check(|imp, ctx| {
                    for (x, want) in [
                        (vec![1.0, 1e16, 1.0, -1e16], 0.5),
                        (vec![1e16, 1.0, 1.0, -1e16], 0.5),
                        (vec![1e16, 1.0, -1e16], 1.0 / 3.0),
                    ] {
                        ctx.once(&call("mean", &x), || {
                            expect::close(&(imp.mean)(&x), want, COMPENSATED)
                        })?;
                    }
                    let what = |small: &Vec<f64>| call("mean", &hidden(small));
                    ctx.forall(strategies::sample(1..12), what, |small| {
                        let want = exact_mean_of_hidden(small);
                        expect::close(&(imp.mean)(&hidden(small)), want, COMPENSATED)
                    })
                }),
            Property::named("shift_and_scale_equivariant", 2)
                .description("mean(a·x + b) = a·mean(x) + b and median(a·x + b) = a·median(x) + b")
                .check(|imp, ctx| {
                    let input = (strategies::sample(1..30), -5i32..=5, -100i32..=100)
                        .prop_filter("a ≠ 0", |(_, a, _)| *a != 0);
                    ctx.forall(
                        input,
                        |(x, a, b)| {
                            let y = affine(x, *a, *b);
                            format!("{} and {} vs a·mean(x) + b, a·median(x) + b with a = {a}, b = {b}, x = {}", call("mean", &y), call("median", &y), show::floats(x))
                        },
                        |(x, a, b)| {
                            let (y, a, b) = (affine(x, *a, *b), f64::from(*a), f64::from(*b));
                            let abs = 1e-12 * (b.abs() + a.abs() * tolerance(x).abs * 1e12);
                            let tol = Tol { rel: 1e-12, abs };
                            for f in [imp.mean, imp.median] {
                                let Ok(base) = f(x) else {
                                    return expect::fail(show::float_result(&f(x)), "Ok(…) for x");
                                };
                                expect::close(&f(&y), a * base + b, tol)?;
                            }
                            Ok(())
                        },
                    )
                }),
            Property::named("mean_between_min_and_max", 1)
                .description("min(x) ≤ mean(x) ≤ max(x)")
                .check(|imp, ctx| {
                    ctx.forall(
                        strategies::sample(1..40),
                        |x| call("mean", x),
                        |x| expect::between_extremes(&(imp.mean)(x), x, tolerance(x).abs),
                    )
                }),
            Property::named("median_permutation_invariant", 1)
                .description("reordering the values does not change the median")
                .check(|imp, ctx| {
                    let input = strategies::sample(1..30)
                        .prop_flat_map(|x| (Just(x.clone()), Just(x).prop_shuffle()));
                    ctx.forall(
                        input,
                        |(x, y)| format!("{} vs {}", call("median", y), call("median", x)),
                        |(x, y)| {
                            let want = expect::ok((imp.median)(x), "…")?;
                            expect::close(&(imp.median)(y), want, tolerance(x))
                        },
                    )
                }),
            Property::named("median_robust_to_outlier", 1)
                .description("replacing one value by 1e12 keeps the median inside the original data's range (n ≥ 3)")
                .check(|imp, ctx| {
                    let what = |x: &Vec<f64>| call("median", &with_outlier(x));
                    ctx.forall(strategies::sample(3..30), what, |x| {
                        let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
                        let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        let got = (imp.median)(&with_outlier(x));
                        expect::that(
                            matches!(got, Ok(m) if lo <= m && m <= hi),
                            show::float_result(&got),
                            format!("Ok(a value in [{}, {}], the range of the other values)", show::float(lo), show::float(hi)),
                        )
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty sample, NaN or ±∞ give the typed error, never a panic")
                .check(|imp, ctx| {
                    for (name, f) in [("mean", imp.mean), ("median", imp.median)] {
                        rejects!(ctx, |x| call(name, x) => f(x);
                            (&[]) => StatsError::EmptyInput,
                            (&[2.0, f64::NAN, 1.0]) => StatsError::NonFinite,
                            (&[2.0, f64::INFINITY, 1.0]) => StatsError::NonFinite,
                            (&[2.0, f64::NEG_INFINITY, 1.0]) => StatsError::NonFinite,
                        )?;
                    }
                    Ok(())
                }),
            Property::named("iris_snapshot", 1)
                .description("the means and medians of the four Iris measurements match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "mean(&column) and median(&column) for each column of iris.features";
                    common::iris_lines(ctx, call, |name, column| {
                        let (mean, median) = ((imp.mean)(column), (imp.median)(column));
                        let (mean, median) = (tables::value(&mean, 10), tables::value(&median, 10));
                        format!("{name}: mean = {mean}, median = {median}\n")
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("median_without_sorting")
                .explanation("Your median takes the middle POSITION of the values as given. The median is the \
                    middle of the SORTED values: sort a copy first (v.sort_by(f64::total_cmp)), then take the \
                    middle one (or the mean of the two middle ones).")
                .implementation(Impl {
                    median: |x| checked(x).map(|_| middle(x)),
                    ..RIGHT
                }),
            Misconception::named("even_median_one_middle")
                .explanation("For an even number of values your median returns one of the two middle values. \
                    There is no single middle value then: the median is the average of the two, \
                    (s[n/2 − 1] + s[n/2]) / 2 for the sorted values s.")
                .implementation(Impl {
                    median: |x| checked(x).map(|_| sorted(x)[x.len() / 2]),
                    ..RIGHT
                }),
            Misconception::named("naive_sum")
                .explanation("Your mean adds the values one by one in plain f64. Each addition rounds away the \
                    low bits of small terms added to a large running sum (1e16 + 1.0 == 1e16), so sums with \
                    cancellation lose every digit. Keep the lost bits in a compensation term (Neumaier): \
                    t = s + x; c += if |s| ≥ |x| { (s − t) + x } else { (x − t) + s }; s = t; sum = s + c.")
                .implementation(Impl {
                    mean: |x| checked(x).map(|n| x.iter().sum::<f64>() / n),
                    ..RIGHT
                }),
            Misconception::named("kahan_sum")
                .explanation("Your mean uses Kahan's compensated summation, which assumes the running sum is \
                    larger than the next term. When a term is larger (1.0 + 1e16), the compensation computes \
                    (t − s) − x with the big term and loses the small one. Neumaier's variant compares |s| \
                    and |x| and recovers the bits of whichever was smaller.")
                .implementation(Impl { mean: kahan_mean, ..RIGHT }),
        ],
        probe: |imp| {
            // Each call that panics (a function still `todo!()`) counts as correct, so that a
            // mistake in one function is recognised while the other is unfinished.
            let cases: [(Statistic, &[f64], f64); 4] = [
                (imp.mean, &[1.0, 1e16, 1.0, -1e16], 0.5),
                (imp.mean, &[1e16, 1.0, 1.0, -1e16], 0.5),
                (imp.median, &[3.0, 1.0, 2.0], 2.0),
                (imp.median, &[4.0, 1.0, 3.0, 2.0], 2.5),
            ];
            cases
                .iter()
                .map(|&(f, x, right)| tables::value(&expect::probe_entry(|| f(x), Ok(right)), 6))
                .collect()
        },
    }
}

fn with_outlier(x: &[f64]) -> Vec<f64> {
    [&[1e12], &x[1..]].concat()
}

/// The right answers: the reference's.
const RIGHT: Impl = Impl { mean: mathlings_stats::mean, median: mathlings_stats::median };

/// n, after the reference's validation.
fn checked(x: &[f64]) -> Result<f64, StatsError> {
    mathlings_stats::mean(x)?;
    Ok(x.len() as f64)
}

fn kahan_mean(x: &[f64]) -> Result<f64, StatsError> {
    let n = checked(x)?;
    let (mut sum, mut c) = (0.0f64, 0.0f64);
    for &v in x {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    Ok(sum / n)
}

fn middle(s: &[f64]) -> f64 {
    let n = s.len();
    if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 }
}
