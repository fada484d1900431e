//! Checks for 1.1 — the standard error of the mean and the percentile bootstrap interval.

use mathlings_stats::StatsError;
use proptest::prelude::any;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{common, tables};
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_1_bootstrap_ci::{CiFn, Impl};

/// SE against the reference: both are a centred two-pass (or Welford) sd on values ≤ 1e3,
/// accurate to ~1e-14 relative; 1e-10 leaves ample slack yet rejects the divisor n (an
/// error of at least 1/(2n) ≥ 1 % here).
const AGREE: Tol = Tol { rel: 1e-10, abs: 1e-12 };
/// The interval must contain the sample mean up to rounding: the learner's mean of a
/// resample may differ from the reference's mean of the data in the last bits.
const CONTAINS_SLACK: f64 = 1e-9;
/// Resamples for the width comparisons. With B = 2000 the 5 % and 95 % quantiles of the
/// bootstrap means have a relative sampling error of about 2 %, so two independent
/// intervals differ in width by ~3 % (one standard deviation).
const WIDE_B: usize = 2000;
/// Accepted ratio of the learner's interval width to the reference's (same data, B = 2000,
/// level 0.9): ±15 % is five standard deviations of the simulation noise, while a resample
/// of size n/2 widens the interval by √2 (+41 %).
const WIDTH_RATIO: (f64, f64) = (0.85, 1.15);
/// Accepted ratio of the widths for the data repeated 4 times (n → 4n, same spread) to the
/// original: the bootstrap sd of the mean is σ̂/√n, so the ratio is 1/√4 = 0.5 up to
/// the ~4 % simulation noise of each width.
const SQRT_N_RATIO: (f64, f64) = (0.38, 0.65);

fn se_call<X: AsRef<[f64]> + ?Sized>(xs: &X) -> String {
    format!("standard_error_of_mean({})", show::floats(xs.as_ref()))
}

fn ci_call(xs: &[f64], resamples: usize, level: f64, seed: u64) -> String {
    format!("bootstrap_mean_ci({}, {resamples}, {}, {seed})", show::floats(xs), show::float(level))
}

fn reference_width(data: &[f64], resamples: usize, level: f64, seed: u64) -> f64 {
    let ci = mathlings_stats::bootstrap_mean_ci(data, resamples, level, seed).expect("reference");
    ci.upper - ci.lower
}

/// A sample of `n` values with some skew: uniform on [0, 10) plus an occasional large value.
fn random_data(rng: &mut ChaCha8Rng, n: usize) -> Vec<f64> {
    (0..n)
        .map(|_| {
            let x: f64 = rng.random_range(0.0..10.0);
            let x = (x * 100.0).round() / 100.0;
            if rng.random_bool(0.1) { x * 4.0 } else { x }
        })
        .collect()
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_1_bootstrap_ci",
        properties: vec![
            Property::named("se_matches_reference", 2)
                .description("standard_error_of_mean equals s/√n (sample sd, divisor n − 1) computed by the reference crate")
                .check(|imp, ctx| {
                    ctx.forall(strategies::sample(2..40), se_call, |xs| {
                        let want = mathlings_stats::standard_error_of_mean(xs).expect("reference");
                        expect::close(&(imp.standard_error_of_mean)(xs), want, AGREE)
                    })
                }),
            Property::named("ci_contains_estimate", 2)
                .description("the interval (lower, upper) is ordered and contains the sample mean (levels 0.8 to 0.99)")
                .check(|imp, ctx| {
                    let input = (strategies::sample(5..25), 80u32..=99, any::<u64>());
                    let level = |l: &u32| f64::from(*l) / 100.0;
                    ctx.forall(input, |(x, l, s)| ci_call(x, 200, level(l), *s), |(xs, l, seed)| {
                        let m = mathlings_stats::mean(xs).expect("reference mean");
                        let slack = CONTAINS_SLACK * (1.0 + m.abs());
                        let got = (imp.bootstrap_mean_ci)(xs, 200, level(l), *seed);
                        let ok = matches!(got, Ok((lo, hi)) if lo - slack <= m && m <= hi + slack);
                        let expected = format!(
                            "Ok((lower, upper)) with lower ≤ {} ≤ upper (the sample mean)",
                            show::float(m)
                        );
                        expect::that(ok, show::outcome(&got), expected)
                    })
                }),
            Property::named("width_matches_reference", 3)
                .description("the 90 % interval is as wide as the reference's (within ±15 %, B = 2000) on skewed samples of 16 to 36 values")
                .check(|imp, ctx| {
                    let mut rng = ctx.rng();
                    for n in [16, 25, 30, 36] {
                        let data = random_data(&mut rng, n);
                        let seed = rng.random_range(0..1000);
                        ctx.once(&ci_call(&data, WIDE_B, 0.9, seed), || {
                            let want = reference_width(&data, WIDE_B, 0.9, seed + 1);
                            let got = (imp.bootstrap_mean_ci)(&data, WIDE_B, 0.9, seed);
                            let &(lo, hi) = expect::ok(got.as_ref(), "(lower, upper)")?;
                            let (ratio, r) = ((hi - lo) / want, show::rounded);
                            expect::that(
                                (WIDTH_RATIO.0..=WIDTH_RATIO.1).contains(&ratio),
                                format!("{}: width {} = {} × the reference's", show::outcome(&got), r(hi - lo, 4), r(ratio, 3)),
                                format!("a width of about {} (the reference's, ±15 %): each resample has n = {n} values", r(want, 4)),
                            )
                        })?;
                    }
                    Ok(())
                }),
            Property::named("narrows_like_inv_sqrt_n", 2)
                .description("repeating the data 4 times (n → 4n, same spread) halves the interval's width (1/√4)")
                .check(|imp, ctx| {
                    let data = random_data(&mut ctx.rng(), 12);
                    let big: Vec<f64> = data.iter().cycle().take(48).copied().collect();
                    let what = format!(
                        "{} vs bootstrap_mean_ci(<the same 12 values repeated 4 times>, {WIDE_B}, 0.9, 2)",
                        ci_call(&data, WIDE_B, 0.9, 1)
                    );
                    ctx.once(&what, || {
                        let small = (imp.bootstrap_mean_ci)(&data, WIDE_B, 0.9, 1);
                        let large = (imp.bootstrap_mean_ci)(&big, WIDE_B, 0.9, 2);
                        let ((a, b), (c, d)) = tables::both(&small, &large, "two Ok intervals")?;
                        let (ratio, r) = ((d - c) / (b - a), show::rounded);
                        expect::that(
                            (SQRT_N_RATIO.0..=SQRT_N_RATIO.1).contains(&ratio),
                            format!("widths {} (n = 12) and {} (n = 48): ratio {}", r(b - a, 4), r(d - c, 4), r(ratio, 3)),
                            format!("a ratio of about 1/√4 = 0.5 (between {} and {})", SQRT_N_RATIO.0, SQRT_N_RATIO.1),
                        )
                    })
                }),
            Property::named("interpolates_few_means", 2)
                .description("with B = 1 the interval is the one resample mean (lower = upper); with B = 2 on data [0, 1] at level ½ it is (m₀ + ¼(m₁ − m₀), m₀ + ¾(m₁ − m₀)), h = (B − 1)·q, for two resample means m₀ ≤ m₁ in {0, ½, 1}")
                .check(|imp, ctx| {
                    // B = 1: h = 0 at both ends, so Q = m₍₀₎ — without reading a second mean
                    // (catches an index m₍ⱼ₊₁₎ past the end). B = 2 on [0, 1]: the means are
                    // 0, ½ or 1 whatever the generator, and every step is exact in binary, so
                    // the interval must be one of six; catches h = B·q or (B + 1)·q and a
                    // subtracted interpolation term. One seed may draw m₀ = m₁ (P = 3/8), where
                    // no interpolation shows: over 24 seeds, some interval must have width
                    // > 0 (an honest generator fails this with P = (3/8)²⁴ ≈ 6e-11), which
                    // catches Q = m₍ⱼ₎ without interpolation.
                    let data = [0.0, 1.0, 3.0];
                    for seed in 0..4 {
                        ctx.once(&ci_call(&data, 1, 0.9, seed), || {
                            let got = (imp.bootstrap_mean_ci)(&data, 1, 0.9, seed);
                            expect::that(
                                matches!(got, Ok((lo, hi)) if lo == hi && (0.0..=3.0).contains(&lo)),
                                show::outcome(&got),
                                "Ok((m, m)): the single resample mean m at both ends",
                            )
                        })?;
                    }
                    let data = [0.0, 1.0];
                    let candidates =
                        [(0.0, 0.0), (0.0, 0.5), (0.0, 1.0), (0.5, 0.5), (0.5, 1.0), (1.0, 1.0)]
                            .map(|(a, b): (f64, f64)| (a + 0.25 * (b - a), a + 0.75 * (b - a)));
                    let mut widest = 0.0_f64;
                    for seed in 0..24 {
                        ctx.once(&ci_call(&data, 2, 0.5, seed), || {
                            let got = (imp.bootstrap_mean_ci)(&data, 2, 0.5, seed);
                            let fits = matches!(got, Ok((lo, hi))
                                if candidates.iter().any(|&c| (lo - c.0).abs() <= 1e-12 && (hi - c.1).abs() <= 1e-12));
                            if let Ok((lo, hi)) = got {
                                widest = widest.max(hi - lo);
                            }
                            expect::that(
                                fits,
                                show::outcome(&got),
                                "Ok((m₀ + ¼(m₁ − m₀), m₀ + ¾(m₁ − m₀))) for resample means m₀ ≤ m₁ in {0, ½, 1}",
                            )
                        })?;
                    }
                    ctx.once(&format!("{} for seeds 0..24", ci_call(&data, 2, 0.5, 0)), || {
                        expect::that(
                            widest > 0.0,
                            "every interval has width 0 (no interpolation between m₀ and m₁)",
                            "some seed drawing m₀ < m₁, hence an interval of width ½(m₁ − m₀) > 0",
                        )
                    })
                }),
            Property::named("reproducible", 1)
                .description("the same seed gives the same interval")
                .check(|imp, ctx| {
                    ctx.forall(
                        (strategies::sample(2..20), any::<u64>()),
                        |(xs, seed)| format!("{} called twice", ci_call(xs, 50, 0.9, *seed)),
                        |(xs, seed)| {
                            let first = (imp.bootstrap_mean_ci)(xs, 50, 0.9, *seed);
                            let second = (imp.bootstrap_mean_ci)(xs, 50, 0.9, *seed);
                            expect::that(
                                first.is_ok() && first == second,
                                format!("{} then {}", show::outcome(&first), show::outcome(&second)),
                                "the same Ok interval both times",
                            )
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty data, NaN/±∞, a single value (for the SE), level ∉ (0, 1) or 0 resamples give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |xs| se_call(xs) => (imp.standard_error_of_mean)(xs);
                        (&[]) => StatsError::EmptyInput,
                        (&[2.0]) => StatsError::TooFewValues { needed: 2, got: 1 },
                    )?;
                    for xs in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY].map(|bad| [1.0, bad, 3.0]) {
                        rejects!(ctx, |xs| se_call(xs) => (imp.standard_error_of_mean)(xs); (&xs) => StatsError::NonFinite)?;
                        rejects!(ctx, |xs| ci_call(xs, 10, 0.9, 1) => (imp.bootstrap_mean_ci)(xs, 10, 0.9, 1); (&xs) => StatsError::NonFinite)?;
                    }
                    rejects!(ctx,
                        |xs, resamples, level| ci_call(xs, resamples, level, 1)
                            => (imp.bootstrap_mean_ci)(xs, resamples, level, 1);
                        (&[], 10, 0.9) => StatsError::EmptyInput,
                        (&[1.0, 2.0, 4.0], 10, 0.0) => StatsError::InvalidParameter { name: "level", .. },
                        (&[1.0, 2.0, 4.0], 10, 1.0) => StatsError::InvalidParameter { name: "level", .. },
                        (&[1.0, 2.0, 4.0], 10, 1.5) => StatsError::InvalidParameter { name: "level", .. },
                        (&[1.0, 2.0, 4.0], 10, -0.5) => StatsError::InvalidParameter { name: "level", .. },
                        (&[1.0, 2.0, 4.0], 10, f64::NAN) => StatsError::InvalidParameter { name: "level", .. },
                        (&[1.0, 2.0, 4.0], 0, 0.9) => StatsError::InvalidParameter { name: "resamples", .. },
                    )
                }),
            Property::named("iris_standard_errors", 1)
                .description("the standard errors of the means of the four Iris measurements match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "standard_error_of_mean(&column) for each column of iris.features";
                    common::iris_lines(ctx, call, |name, column| {
                        let se = tables::value(&(imp.standard_error_of_mean)(column), 10);
                        format!("SE(mean {name}) = {se} cm\n")
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("se_population_sd")
                .explanation("Your standard error uses the population standard deviation √(Σ(xᵢ − x̄)²/n). \
                    From a sample, estimate σ with the sample standard deviation s = √(Σ(xᵢ − x̄)²/(n − 1)) \
                    (Bessel's correction), then SE = s/√n.")
                .implementation(Impl {
                    standard_error_of_mean: |xs| {
                        centred_squares(xs).map(|(s, n)| (s / n).sqrt() / n.sqrt())
                    },
                    ..RIGHT
                }),
            Misconception::named("se_divides_by_n")
                .explanation("Your standard error is s/n. The variance of a mean of n independent values is \
                    σ²/n, so its standard deviation is σ/√n: divide s by the square root of n.")
                .implementation(Impl {
                    standard_error_of_mean: |xs| {
                        centred_squares(xs).map(|(s, n)| (s / (n - 1.0)).sqrt() / n)
                    },
                    ..RIGHT
                }),
            Misconception::named("resample_size_not_n")
                .explanation("Your interval is too wide: your resamples have fewer values than the data (here \
                    n/2). The bootstrap imitates drawing a new sample of the SAME size n, because the spread of \
                    a mean depends on n (σ/√n). Draw exactly n values, with replacement, per resample.")
                .implementation(Impl {
                    bootstrap_mean_ci: |d, b, l, seed| bootstrap(d, b, l, seed, (|n| n / 2, true)),
                    ..RIGHT
                }),
            Misconception::named("means_not_sorted")
                .explanation("Your interval's ends are not the percentiles of the resample means: you pick \
                    positions in the list of means without sorting it first, so you get two arbitrary means. \
                    Sort the B means, then interpolate at (1 − L)/2 and (1 + L)/2.")
                .implementation(Impl {
                    bootstrap_mean_ci: |d, b, l, seed| bootstrap(d, b, l, seed, (|n| n, false)),
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            // A wrong SE is fingerprinted on its own, and a function that panics (still
            // `todo!()`) counts as correct, so that a mistake in one function is recognised
            // while the other is unfinished.
            let right = (5.0f64 / 3.0).sqrt() / 2.0;
            let se = || (imp.standard_error_of_mean)(&[1.0, 2.0, 3.0, 4.0]);
            let se = expect::probe_entry(se, Ok(right));
            let se_text = tables::value(&se, 6);
            if !matches!(se, Ok(v) if (v - right).abs() < 1e-9) {
                return vec![se_text];
            }
            let data: Vec<f64> =
                (0..25).map(|i| f64::from((i * 7) % 11) + 0.5 * f64::from(i % 3)).collect();
            let ci =
                expect::probe_entry(|| Some((imp.bootstrap_mean_ci)(&data, WIDE_B, 0.9, 5)), None);
            let Some(ci) = ci else {
                return vec![se_text, "width ok".into(), "contains the mean".into()];
            };
            let width = match ci {
                Ok((lo, hi)) => match (hi - lo) / reference_width(&data, WIDE_B, 0.9, 6) {
                    ratio if ratio < WIDTH_RATIO.0 => "too narrow",
                    ratio if ratio > WIDTH_RATIO.1 => "too wide",
                    _ => "width ok",
                },
                Err(_) => "error",
            };
            let m = mathlings_stats::mean(&data).expect("reference mean");
            let contains = (0..10).all(|seed| {
                matches!((imp.bootstrap_mean_ci)(&data, 200, 0.9, seed), Ok((lo, hi)) if lo <= m && m <= hi)
            });
            vec![
                se_text,
                width.into(),
                if contains { "contains the mean" } else { "misses the mean" }.into(),
            ]
        },
    }
}

/// Σ(xᵢ − x̄)² and n, after the reference's validation.
fn centred_squares(xs: &[f64]) -> Result<(f64, f64), StatsError> {
    mathlings_stats::standard_error_of_mean(xs)?;
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    Ok((xs.iter().map(|x| (x - m).powi(2)).sum(), n))
}

/// The right answers, computed as the wrong ones are.
const RIGHT: Impl = Impl {
    standard_error_of_mean: |xs| {
        centred_squares(xs).map(|(s, n)| (s / (n - 1.0)).sqrt() / n.sqrt())
    },
    bootstrap_mean_ci: |data, b, level, seed| bootstrap(data, b, level, seed, (|n| n, true)),
};

/// What the learner slipped on: the size of each resample as a function of n, and whether
/// the resample means are sorted before the percentiles are read.
type Slips = (fn(usize) -> usize, bool);

/// An interval (lower, upper), or the reference's error.
type Interval = Result<(f64, f64), StatsError>;

/// A percentile bootstrap with these [`Slips`] (`(|n| n, true)`: none).
fn bootstrap(data: &[f64], b: usize, level: f64, seed: u64, (size, sort): Slips) -> Interval {
    // The reference's validation, with at most one resample.
    mathlings_stats::bootstrap_mean_ci(data, b.min(1), level, seed)?;
    let n = data.len();
    let m = size(n).max(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut means: Vec<f64> = (0..b)
        .map(|_| (0..m).map(|_| data[rng.random_range(0..n)]).sum::<f64>() / m as f64)
        .collect();
    if sort {
        means.sort_by(f64::total_cmp);
    }
    let quantile = |q: f64| {
        let h = (means.len() - 1) as f64 * q;
        let j = h.floor() as usize;
        let last = means[means.len() - 1];
        means.get(j + 1).map_or(last, |next| means[j] + (h - j as f64) * (next - means[j]))
    };
    Ok((quantile((1.0 - level) / 2.0), quantile((1.0 + level) / 2.0)))
}
