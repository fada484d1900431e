//! Checks for 1.3 — covariance and Pearson correlation.

use mathlings_stats::StatsError;
use proptest::collection::vec;

use super::common::{self, affine};
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_3_correlation::Impl;

/// Agreement with the reference covariance: a centred two-pass sum has error ≈ n·ε·Σ|xᵢ−x̄||yᵢ−ȳ|,
/// at most ~1e-13 of sx·sy here; 1e-10·sx·sy (plus 1e-10 absolute) leaves three digits of slack
/// and is scaled by the spreads because a covariance can be ≈ 0 while its terms are not.
fn agree(x: &[f64], y: &[f64]) -> Tol {
    Tol { rel: 1e-10, abs: 1e-10 * (1.0 + spread(x) * spread(y)) }
}
/// Agreement for r ∈ [−1, 1]: the same backward-error argument gives ~1e-14; 1e-10 absolute.
const CORR_AGREE: Tol = Tol { rel: 0.0, abs: 1e-10 };
/// After a 1e9 shift, a stable method errs by about ε·1e9/σ ≤ 3e-7 relative to sx·sy (σ ≥ 1), so
/// 1e-5 accepts it; E[XY] − E[X]E[Y] errs by about ε·1e18 ≈ 200 absolute, far outside.
const SHIFT_REL: f64 = 1e-5;
/// How far above 1 a correlation may round: √Sxx·√Syy carries a few ulps of error.
const UNIT_SLACK: f64 = 1e-12;
/// corr(x, ax + b) = ±1: the computed y carries relative error ε·|b|/|ax|, worth ≤ 1e-9 here.
const SIGN_TOL: Tol = Tol { rel: 0.0, abs: 1e-9 };

fn cov_call(x: &[f64], y: &[f64]) -> String {
    format!("covariance({}, {})", show::floats(x), show::floats(y))
}

fn corr_call(x: &[f64], y: &[f64]) -> String {
    format!("pearson_correlation({}, {})", show::floats(x), show::floats(y))
}

/// Sample standard deviation by the reference (0 for invalid input).
fn spread(xs: &[f64]) -> f64 {
    mathlings_stats::standard_deviation(xs).unwrap_or(0.0)
}

/// Paired samples of equal length in `len`.
fn paired(len: std::ops::Range<usize>) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    len.prop_flat_map(|n| (vec(strategies::value(), n), vec(strategies::value(), n)))
}

/// Paired samples where both sides have a standard deviation ≥ 1.
fn spread_pairs() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    paired(3..30).prop_filter("needs spread", |(x, y)| spread(x) >= 1.0 && spread(y) >= 1.0)
}

fn shift(xs: &[f64]) -> Vec<f64> {
    xs.iter().map(|v| v + 1e9).collect()
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_3_correlation",
        properties: vec![
            Property::named("covariance_matches_reference", 3)
                .description("covariance(x, y) equals Σ(xᵢ − x̄)(yᵢ − ȳ)/(n − 1) computed by the reference crate (to 1e-10·sx·sy)")
                .check(|imp, ctx| {
                    ctx.forall(paired(2..40), |(x, y)| cov_call(x, y), |(x, y)| {
                        let want = mathlings_stats::covariance(x, y).expect("reference");
                        expect::close(&(imp.covariance)(x, y), want, agree(x, y))
                    })
                }),
            Property::named("covariance_with_itself_is_variance", 1)
                .description("cov(x, x) equals the sample variance of x")
                .check(|imp, ctx| {
                    ctx.forall(strategies::sample(2..40), |x| cov_call(x, x), |x| {
                        let want = mathlings_stats::sample_variance(x).expect("reference");
                        expect::close(&(imp.covariance)(x, x), want, agree(x, x))
                    })
                }),
            Property::named("correlation_matches_reference", 2)
                .description("pearson_correlation(x, y) equals the reference r (to 1e-10)")
                .check(|imp, ctx| {
                    ctx.forall(spread_pairs(), |(x, y)| corr_call(x, y), |(x, y)| {
                        let want = mathlings_stats::pearson_correlation(x, y).expect("reference");
                        expect::close(&(imp.pearson_correlation)(x, y), want, CORR_AGREE)
                    })
                }),
            Property::named("correlation_in_unit_interval", 1)
                .description("a correlation always lies in [−1, 1]")
                .check(|imp, ctx| {
                    ctx.forall(spread_pairs(), |(x, y)| corr_call(x, y), |(x, y)| {
                        let got = (imp.pearson_correlation)(x, y);
                        let ok = matches!(got, Ok(r) if r.abs() <= 1.0 + UNIT_SLACK);
                        expect::that(ok, show::float_result(&got), "Ok(a value in [−1, 1])")
                    })
                }),
            Property::named("correlation_of_a_line_is_its_sign", 2)
                .description("corr(x, a·x + b) = +1 for a > 0 and −1 for a < 0")
                .check(|imp, ctx| {
                    let input = (
                        strategies::sample(2..30).prop_filter("needs spread", |x| spread(x) >= 1.0),
                        (-10i32..=10).prop_filter("a ≠ 0", |a| *a != 0),
                        -20i32..=20,
                    );
                    ctx.forall(input, |(x, a, b)| corr_call(x, &affine(x, *a, *b)), |(x, a, b)| {
                        let got = (imp.pearson_correlation)(x, &affine(x, *a, *b));
                        expect::close(&got, f64::from(a.signum()), SIGN_TOL)
                    })
                }),
            Property::named("shift_invariant_at_1e9", 2)
                .description("adding 1e9 to every value changes neither the covariance nor the correlation (no catastrophic cancellation)")
                .check(|imp, ctx| {
                    ctx.forall(
                        spread_pairs(),
                        |(x, y)| format!("{} and {}", cov_call(&shift(x), &shift(y)), corr_call(&shift(x), &shift(y))),
                        |(x, y)| {
                            let (sx, sy) = (shift(x), shift(y));
                            let cov = mathlings_stats::covariance(x, y).expect("reference");
                            let tol = Tol { rel: 0.0, abs: SHIFT_REL * spread(x) * spread(y) };
                            expect::close(&(imp.covariance)(&sx, &sy), cov, tol)?;
                            let r = mathlings_stats::pearson_correlation(x, y).expect("reference");
                            let tol = Tol { rel: 0.0, abs: SHIFT_REL };
                            expect::close(&(imp.pearson_correlation)(&sx, &sy), r, tol)
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty samples, NaN or ±∞, different lengths or a single pair give the typed error, and so does the correlation of a constant sample; never a panic")
                .check(|imp, ctx| {
                    let both = [
                        ("covariance", imp.covariance),
                        ("pearson_correlation", imp.pearson_correlation),
                    ];
                    for (name, f) in both {
                        rejects!(ctx,
                            |x, y| format!("{name}({}, {})", show::floats(x), show::floats(y)) => f(x, y);
                            (&[], &[]) => StatsError::EmptyInput,
                            (&[], &[1.0, 2.0]) => StatsError::EmptyInput,
                            (&[1.0, 2.0], &[]) => StatsError::EmptyInput,
                            (&[1.0, 2.0, 3.0], &[1.0, 2.0]) => StatsError::LengthMismatch { left: 3, right: 2 },
                            (&[3.0], &[4.0]) => StatsError::TooFewValues { needed: 2, got: 1 },
                            (&[1.0, 2.0, 4.0], &[1.0, f64::NAN, 2.0]) => StatsError::NonFinite,
                            (&[1.0, 2.0, 4.0], &[1.0, f64::INFINITY, 2.0]) => StatsError::NonFinite,
                            (&[1.0, 2.0, 4.0], &[1.0, f64::NEG_INFINITY, 2.0]) => StatsError::NonFinite,
                        )?;
                    }
                    rejects!(ctx, |x, y| corr_call(x, y) => (imp.pearson_correlation)(x, y);
                        (&[2.0, 2.0, 2.0], &[1.0, 5.0, 3.0]) => StatsError::Undefined(_),
                    )
                }),
            Property::named("anscombe_snapshot", 2)
                .description("on Anscombe's quartet the covariances and correlations of the four sets match the stored snapshot (all r ≈ 0.816)")
                .check(|imp, ctx| {
                    let call = "covariance(&xᵢ, &yᵢ) and pearson_correlation(&xᵢ, &yᵢ) for Anscombe's sets i = 1..4";
                    common::anscombe_lines(ctx, call, |x, y| {
                        let (cov, r) = ((imp.covariance)(x, y), (imp.pearson_correlation)(x, y));
                        let shown = |r| common::rounded_or_kind(r, 8);
                        format!("cov = {}, r = {}", shown(&cov), shown(&r))
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("not_centred")
                .explanation("Your answers equal Σxᵢyᵢ/(n − 1) and Σxᵢyᵢ/√(Σxᵢ²·Σyᵢ²): the products are \
                    taken of the raw values, not of their deviations from the means (the second is the \
                    cosine similarity, not the correlation). Subtract x̄ from every xᵢ and ȳ from every yᵢ \
                    before multiplying.")
                .implementation(Impl {
                    covariance: |x, y| checked(x, y).map(|n| raw(x, y) / (n - 1.0)),
                    pearson_correlation: |x, y| {
                        sums(x, y).map(|_| raw(x, y) / (raw(x, x) * raw(y, y)).sqrt())
                    },
                }),
            Misconception::named("divides_by_n")
                .explanation("Your covariance equals Σ(xᵢ − x̄)(yᵢ − ȳ)/n, the population covariance. \
                    Measured from the sample's own means the deviations come out too small on average, \
                    so divide by n − 1 (Bessel's correction), exactly as for the sample variance — then \
                    cov(x, x) is the sample variance.")
                .implementation(Impl {
                    covariance: |x, y| checked(x, y).map(|n| centred(x, y) / n),
                    ..RIGHT
                }),
            Misconception::named("raw_moments")
                .explanation("Your answers lose their digits when the data carry a large offset: they look \
                    like E[XY] − E[X]E[Y], i.e. (Σxᵢyᵢ − n·x̄·ȳ)/(n − 1). With values near 1e9 both terms \
                    are ~1e18 and agree in all 16 digits a double holds, so their difference is rounding \
                    noise (catastrophic cancellation). Compute the means first, then sum products of \
                    deviations (xᵢ − x̄)(yᵢ − ȳ).")
                .implementation(Impl {
                    covariance: |x, y| {
                        checked(x, y).map(|n| (raw(x, y) - n * mean(x) * mean(y)) / (n - 1.0))
                    },
                    pearson_correlation: raw_moment_correlation,
                }),
            Misconception::named("mixed_denominators")
                .explanation("Your correlation is n/(n − 1) times too large (it can exceed 1): the covariance \
                    divides by n − 1 but the standard deviations divide by n. Use the same denominator in \
                    numerator and denominator — it cancels: r = Sxy/√(Sxx·Syy).")
                .implementation(Impl {
                    pearson_correlation: |x, y| {
                        let (n, sxx, syy) = sums(x, y)?;
                        Ok(centred(x, y) / (n - 1.0) / ((sxx / n).sqrt() * (syy / n).sqrt()))
                    },
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            let (x, y) = ([1.0, 2.0, 3.0, 4.0], [2.0, 1.0, 4.0, 3.0]);
            let (x0, y0) = ([4.0, 7.0, 13.0, 16.0], [1.0, 5.0, 2.0, 9.0]);
            let (sx, sy) = (shift(&x0), shift(&y0));
            // Exact: Sxy = 39, so cov = 13; r from the reference on the unshifted data.
            // Any other answer (even an error) on this valid, well-spread data is "inaccurate".
            let category = |r: Result<f64, StatsError>, want: f64| match r {
                Ok(v) if (v - want).abs() < 1e-6 => "exact".to_string(),
                _ => "inaccurate".to_string(),
            };
            let r0 = mathlings_stats::pearson_correlation(&x0, &y0).expect("reference");
            vec![
                common::rounded_or_kind(&(imp.covariance)(&x, &y), 6),
                common::rounded_or_kind(&(imp.pearson_correlation)(&x, &y), 6),
                category((imp.covariance)(&sx, &sy), 13.0),
                category((imp.pearson_correlation)(&sx, &sy), r0),
            ]
        },
    }
}

/// n, after the reference's validation.
fn checked(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    mathlings_stats::covariance(x, y)?;
    Ok(x.len() as f64)
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn centred(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum()
}

fn raw(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

/// n, Sxx and Syy (centred), after the reference's validation of a correlation.
fn sums(x: &[f64], y: &[f64]) -> Result<(f64, f64, f64), StatsError> {
    mathlings_stats::pearson_correlation(x, y)?;
    Ok((x.len() as f64, centred(x, x), centred(y, y)))
}

/// The right answers, computed as the wrong ones are.
const RIGHT: Impl = Impl {
    covariance: |x, y| checked(x, y).map(|n| centred(x, y) / (n - 1.0)),
    pearson_correlation: |x, y| sums(x, y).map(|(_, sxx, syy)| centred(x, y) / (sxx * syy).sqrt()),
};

/// Raw moments, rejecting a constant sample by its own (cancelled) sums.
fn raw_moment_correlation(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    let n = checked(x, y)?;
    let sxx = raw(x, x) - n * mean(x) * mean(x);
    let syy = raw(y, y) - n * mean(y) * mean(y);
    if sxx <= 0.0 || syy <= 0.0 {
        return Err(StatsError::Undefined("correlation of a constant sample"));
    }
    Ok((raw(x, y) - n * mean(x) * mean(y)) / (sxx * syy).sqrt())
}
