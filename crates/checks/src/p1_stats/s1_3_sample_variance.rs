//! Checks for 1.3 — sample variance.

use mathlings_stats::StatsError;

use super::{common, tables};
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_3_sample_variance::Impl;

/// Agreement with the reference: both sides are stable algorithms on values ≤ 1e3 in
/// magnitude, so they agree to ~1e-13 relative; 1e-10 leaves three digits of slack while
/// still rejecting any formula that loses more than a handful of digits.
const AGREE: Tol = Tol { rel: 1e-10, abs: 1e-10 };
/// After a shift by c the best achievable relative error is about ε·c/σ; for c = 1e9 and
/// σ ≥ 1 that is ≤ 2e-7, so 1e-5 accepts every stable method and rejects E[X²] − E[X]²,
/// whose error is about ε·c²/σ² (≥ 1 relative).
const SHIFTED: Tol = Tol { rel: 1e-5, abs: 1e-9 };

fn call<X: AsRef<[f64]> + ?Sized>(xs: &X) -> String {
    format!("sample_variance({})", show::floats(xs.as_ref()))
}

fn reference(xs: &[f64]) -> f64 {
    mathlings_stats::sample_variance(xs).expect("reference")
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_3_sample_variance",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("equals Σ(xᵢ − x̄)²/(n − 1) computed by the reference crate (to 1e-10 relative)")
                .check(|imp, ctx| {
                    ctx.forall(strategies::sample(2..40), call, |xs| {
                        expect::close(&(imp.sample_variance)(xs), reference(xs), AGREE)
                    })
                }),
            Property::named("non_negative", 1)
                .description("a variance is never negative")
                .check(|imp, ctx| {
                    ctx.forall(strategies::sample(2..40), call, |xs| {
                        let got = (imp.sample_variance)(xs);
                        let ok = matches!(got, Ok(v) if v >= 0.0);
                        expect::that(ok, show::float_result(&got), "Ok(a value ≥ 0)")
                    })
                }),
            Property::named("shift_invariant_at_1e9", 2)
                .description("adding 1e9 to every value leaves the variance unchanged (no catastrophic cancellation)")
                .check(|imp, ctx| {
                    // σ ≥ 1, so that the shifted comparison is meaningful.
                    let spread = strategies::sample(2..30)
                        .prop_filter("needs spread", |xs| reference(xs) >= 1.0);
                    let shift = |xs: &[f64]| xs.iter().map(|x| x + 1e9).collect::<Vec<f64>>();
                    ctx.forall(
                        spread,
                        |xs| call(&shift(xs)),
                        |xs| {
                            expect::close(
                                &(imp.sample_variance)(&shift(xs)),
                                reference(xs),
                                SHIFTED,
                            )
                        },
                    )
                }),
            Property::named("scales_by_a_squared", 1)
                .description("multiplying every value by a multiplies the variance by a²")
                .check(|imp, ctx| {
                    let input = (strategies::sample(2..30), -10i32..=10)
                        .prop_filter("a ≠ 0", |(_, a)| *a != 0);
                    let scaled = |xs: &[f64], a: i32| {
                        xs.iter().map(|x| x * f64::from(a)).collect::<Vec<f64>>()
                    };
                    ctx.forall(
                        input,
                        |(xs, a)| call(&scaled(xs, *a)),
                        |(xs, a)| {
                            let base = (imp.sample_variance)(xs);
                            let Ok(base) = base else {
                                let shown = show::float_result(&base);
                                return expect::fail(shown, "Ok(…) for the unscaled sample");
                            };
                            let want = f64::from(a * a) * base;
                            expect::close(&(imp.sample_variance)(&scaled(xs, *a)), want, AGREE)
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("an empty sample, a single value, NaN or ±∞ give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |xs| call(xs) => (imp.sample_variance)(xs);
                        (&[]) => StatsError::EmptyInput,
                        (&[3.0]) => StatsError::TooFewValues { needed: 2, got: 1 },
                        (&[1.0, f64::NAN, 2.0]) => StatsError::NonFinite,
                        (&[1.0, f64::INFINITY, 2.0]) => StatsError::NonFinite,
                        (&[1.0, f64::NEG_INFINITY, 2.0]) => StatsError::NonFinite,
                    )
                }),
            Property::named("anscombe_snapshot", 2)
                .description("on Anscombe's quartet, the variances of x₁ and y₁…y₄ match the stored snapshot (x: 11 exactly, y: ≈ 4.12)")
                .check(|imp, ctx| {
                    let call = "sample_variance(&xᵢ) and sample_variance(&yᵢ) for Anscombe's sets i = 1..4";
                    common::anscombe_lines(ctx, call, |x, y| {
                        let variance = |v| tables::value(&(imp.sample_variance)(v), 10);
                        format!("var(x) = {}, var(y) = {}", variance(x), variance(y))
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("divides_by_n")
                .explanation("Your answer equals Σ(xᵢ − x̄)²/n, the population variance. A sample's \
                    own mean sits closer to its points than the true mean does, so dividing by n \
                    underestimates the spread; divide by n − 1 (Bessel's correction).")
                .implementation(Impl {
                    sample_variance: |xs| {
                        let (n, mean) = checked(xs)?;
                        Ok(xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n)
                    },
                }),
            Misconception::named("textbook_formula")
                .explanation("Your answer looks like the textbook shortcut (Σxᵢ² − n·x̄²)/(n − 1). It is \
                    exact in algebra but not in floating point: with values near 1e9, Σxᵢ² and n·x̄² \
                    agree in their first 16 digits and their difference is rounding noise \
                    (catastrophic cancellation). Centre first: sum (xᵢ − x̄)², or use Welford's update.")
                .implementation(Impl {
                    sample_variance: |xs| {
                        let (n, mean) = checked(xs)?;
                        Ok((xs.iter().map(|x| x * x).sum::<f64>() - n * mean * mean) / (n - 1.0))
                    },
                }),
            Misconception::named("not_centred")
                .explanation("Your answer equals Σxᵢ²/(n − 1): the deviations are measured from 0 instead \
                    of from the mean x̄. Subtract the mean before squaring.")
                .implementation(Impl {
                    sample_variance: |xs| {
                        let (n, _) = checked(xs)?;
                        Ok(xs.iter().map(|x| x * x).sum::<f64>() / (n - 1.0))
                    },
                }),
        ],
        probe: |imp| {
            let offset = (imp.sample_variance)(&[1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0]);
            vec![
                tables::value(&(imp.sample_variance)(&[1.0, 2.0, 3.0, 4.0]), 6),
                match offset {
                    Ok(v) if (v - 30.0).abs() < 1e-6 => "exact".into(),
                    Ok(_) => "inaccurate".into(),
                    Err(e) => format!("{e:?}"),
                },
            ]
        },
    }
}

/// n and the plain mean, after the reference's validation.
fn checked(xs: &[f64]) -> Result<(f64, f64), StatsError> {
    mathlings_stats::sample_variance(xs)?;
    let n = xs.len() as f64;
    Ok((n, xs.iter().sum::<f64>() / n))
}
