//! Checks for 1.5 — the normal pdf and cdf with the learner's own erf.

use std::f64::consts::{PI, SQRT_2};

use mathlings_stats::{StatsError, erf, normal_cdf, normal_pdf};

use super::{common, tables};
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_5_normal_distribution::Impl;

/// A learner's erf only needs 1e-7 absolute accuracy (stated in the exercise); 2e-7 lets
/// Abramowitz & Stegun 7.1.26 (max error 1.5e-7) pass, and still rejects a truncated series.
const ERF_TOL: Tol = Tol { rel: 0.0, abs: 2e-7 };
/// Φ = ½(1 + erf): it inherits half of erf's error; ERF_TOL keeps a factor 2 of slack.
const CDF_TOL: Tol = ERF_TOL;
/// The density is a closed formula: exp and a division carry ~|z|²·ε ≤ 1e-14 relative error for
/// |z| ≤ 8; 1e-10 relative leaves ample room for any order of operations.
const PDF_TOL: Tol = Tol { rel: 1e-10, abs: 1e-300 };
/// Mirror points μ ± d are exact here, so a symmetric formula gives equal densities up to ulps.
const MIRROR_TOL: Tol = Tol { rel: 1e-12, abs: 0.0 };

fn erf_call(x: &f64) -> String {
    format!("erf({})", show::float(*x))
}

fn call(name: &str, (x, mu, sigma): (f64, f64, f64)) -> String {
    format!("{name}({}, {}, {})", show::float(x), show::float(mu), show::float(sigma))
}

/// x values for erf: anywhere in [−6, 6], often round numbers.
fn erf_input() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![3 => -6.0..6.0f64, 1 => (-12i32..=12).prop_map(|i| f64::from(i) / 2.0)]
}

/// (x, μ, σ) with x within 8 standard deviations of μ.
fn point() -> impl Strategy<Value = (f64, f64, f64)> + Clone {
    (
        prop_oneof![-8.0..8.0f64, (-8i32..=8).prop_map(f64::from)],
        prop_oneof![-100.0..100.0f64, (-10i32..=10).prop_map(f64::from)],
        prop_oneof![0.1..50.0f64, (1i32..=10).prop_map(f64::from)],
    )
        .prop_map(|(z, mu, sigma)| (mu + sigma * z, mu, sigma))
}

/// (μ, d, σ) with μ ± d exact: integers and halves.
fn mirror() -> impl Strategy<Value = (f64, f64, f64)> + Clone {
    (-20i32..=20, 0i32..=16, 1i32..=8)
        .prop_map(|(mu, d, s)| (f64::from(mu), f64::from(d) / 2.0, f64::from(s) / 2.0))
}

/// `normal_pdf` or `normal_cdf`.
type Density = fn(f64, f64, f64) -> Result<f64, StatsError>;

/// `name` agrees with the reference's `want` at random points, to `tol`.
fn agrees(ctx: &Ctx, name: &str, got: Density, want: Density, tol: Tol) -> Verdict {
    ctx.forall(
        point(),
        |p| call(name, *p),
        |&(x, mu, s)| expect::close(&got(x, mu, s), want(x, mu, s).expect("reference"), tol),
    )
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_5_normal_distribution",
        properties: vec![
            Property::named("erf_matches_reference", 3)
                .description("erf(x) agrees with the reference erf on [−6, 6] to 2e-7 absolute")
                .check(|imp, ctx| {
                    ctx.forall(erf_input(), erf_call, |&x| {
                        expect::close(&Ok::<_, StatsError>((imp.erf)(x)), erf(x), ERF_TOL)
                    })
                }),
            Property::named("erf_odd_and_bounded", 1)
                .description("erf is odd (erf(−x) = −erf(x)) and stays within [−1, 1]")
                .check(|imp, ctx| {
                    let both = |x: &f64| format!("{} and {}", erf_call(x), erf_call(&-x));
                    ctx.forall(erf_input(), both, |&x| {
                        let (a, b) = ((imp.erf)(x), (imp.erf)(-x));
                        expect::that(
                            a.abs() <= 1.0 && (a + b).abs() <= ERF_TOL.abs,
                            format!("{} and {}", show::float(a), show::float(b)),
                            "two values in [−1, 1] that are each other's negatives",
                        )
                    })
                }),
            Property::named("pdf_matches_reference", 2)
                .description("normal_pdf(x, μ, σ) equals exp(−(x − μ)²/(2σ²)) / (σ√(2π)) from the reference (to 1e-10 relative)")
                .check(|imp, ctx| agrees(ctx, "normal_pdf", imp.normal_pdf, normal_pdf, PDF_TOL)),
            Property::named("cdf_matches_reference", 3)
                .description("normal_cdf(x, μ, σ) agrees with the reference Φ to 2e-7 absolute")
                .check(|imp, ctx| agrees(ctx, "normal_cdf", imp.normal_cdf, normal_cdf, CDF_TOL)),
            Property::named("pdf_positive_and_symmetric", 1)
                .description("the density is ≥ 0 and symmetric about the mean: pdf(μ + d) = pdf(μ − d)")
                .check(|imp, ctx| {
                    let what = |&(mu, d, s): &(f64, f64, f64)| {
                        let pdf = |x| call("normal_pdf", (x, mu, s));
                        format!("{} and {}", pdf(mu + d), pdf(mu - d))
                    };
                    ctx.forall(mirror(), what, |&(mu, d, s)| {
                        let a = expect::ok((imp.normal_pdf)(mu + d, mu, s), "a density ≥ 0")?;
                        if a < 0.0 {
                            return expect::fail(show::float(a), "a density ≥ 0");
                        }
                        expect::close(&(imp.normal_pdf)(mu - d, mu, s), a, MIRROR_TOL)
                    })
                }),
            Property::named("cdf_half_at_mean_and_symmetric", 1)
                .description("Φ(μ) = ½, and Φ(μ + d) + Φ(μ − d) = 1")
                .check(|imp, ctx| {
                    let what = |&(mu, d, s): &(f64, f64, f64)| {
                        let cdf = |x| call("normal_cdf", (x, mu, s));
                        format!("{}, {} and {}", cdf(mu), cdf(mu + d), cdf(mu - d))
                    };
                    ctx.forall(mirror(), what, |&(mu, d, s)| {
                        expect::close(&(imp.normal_cdf)(mu, mu, s), 0.5, CDF_TOL)?;
                        let up = (imp.normal_cdf)(mu + d, mu, s);
                        let down = (imp.normal_cdf)(mu - d, mu, s);
                        let (u, l) = tables::both(&up, &down, "two Ok probabilities")?;
                        expect::close(&Ok::<f64, StatsError>(u + l), 1.0, CDF_TOL)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("σ ≤ 0 (or NaN/∞) gives StatsError::InvalidParameter, a NaN/±∞ x or μ gives StatsError::NonFinite; never a panic")
                .check(|imp, ctx| {
                    let both = [("normal_pdf", imp.normal_pdf), ("normal_cdf", imp.normal_cdf)];
                    both.into_iter().try_for_each(|(name, f)| {
                        rejects!(ctx, |x, mu, sigma| call(name, (x, mu, sigma)) => f(x, mu, sigma);
                            (0.5, 0.0, 0.0) => StatsError::InvalidParameter { name: "sigma", .. },
                            (0.5, 0.0, -1.0) => StatsError::InvalidParameter { name: "sigma", .. },
                            (0.5, 0.0, f64::NAN) => StatsError::InvalidParameter { name: "sigma", .. },
                            (0.5, 0.0, f64::INFINITY) => StatsError::InvalidParameter { name: "sigma", .. },
                            (f64::NAN, 0.0, 1.0) => StatsError::NonFinite,
                            (f64::INFINITY, 0.0, 1.0) => StatsError::NonFinite,
                            (0.0, f64::NEG_INFINITY, 1.0) => StatsError::NonFinite,
                        )
                    })
                }),
            Property::named("z_table_snapshot", 2)
                .description("the standard normal table — Φ(z) and pdf(z) for z = −2.5, −1.96, −1, 0, 0.5, 1, 1.645, 1.96, 2.5, 2.576 to 4 decimals — matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "normal_cdf(z, 0.0, 1.0) and normal_pdf(z, 0.0, 1.0) for z in [-2.5, -1.96, -1.0, 0.0, 0.5, 1.0, 1.645, 1.96, 2.5, 2.576]";
                    ctx.once(call, || {
                        let fmt = |r| show::ok_or_debug(&r, |v: &f64| format!("{v:.4}"));
                        let mut text = String::new();
                        for z in [-2.5, -1.96, -1.0, 0.0, 0.5, 1.0, 1.645, 1.96, 2.5, 2.576] {
                            let cdf = fmt((imp.normal_cdf)(z, 0.0, 1.0));
                            let pdf = fmt((imp.normal_pdf)(z, 0.0, 1.0));
                            text += &format!("z = {z:>6}: Φ = {cdf}, pdf = {pdf}\n");
                        }
                        ctx.snapshot("z_table", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("sigma_not_checked")
                .explanation("Your functions accept σ ≤ 0 and return a number (a negative \"density\", or a \
                    flipped cdf). A standard deviation is a spread: it must be finite and > 0, so return \
                    Err(StatsError::InvalidParameter { name: \"sigma\", .. }) otherwise.")
                .implementation(Impl {
                    normal_pdf: |x, mu, sigma| {
                        finite(x, mu)?;
                        let z = (x - mu) / sigma;
                        Ok((-0.5 * z * z).exp() / (sigma * (2.0 * PI).sqrt()))
                    },
                    normal_cdf: |x, mu, sigma| {
                        finite(x, mu).map(|()| 0.5 * (1.0 + erf((x - mu) / (sigma * SQRT_2))))
                    },
                    ..RIGHT
                }),
            Misconception::named("sigma_as_variance")
                .explanation("Your density treats its third argument as the variance σ²: it computes \
                    exp(−(x − μ)²/(2σ)) / √(2πσ). The parameter is the standard deviation σ: divide the \
                    squared distance by 2σ² and the normaliser is σ√(2π).")
                .implementation(Impl {
                    normal_pdf: |x, mu, sigma| {
                        normal_pdf(x, mu, sigma)?;
                        let d = x - mu;
                        Ok((-d * d / (2.0 * sigma)).exp() / (2.0 * PI * sigma).sqrt())
                    },
                    ..RIGHT
                }),
            Misconception::named("cdf_missing_sqrt2")
                .explanation("Your cdf is ½(1 + erf((x − μ)/σ)): erf integrates e^(−t²), whose spread is 1/√2, \
                    not 1, so the standardised value must be divided by √2 too: Φ(x) = ½(1 + erf((x − μ)/(σ√2))).")
                .implementation(Impl {
                    normal_cdf: |x, mu, sigma| {
                        normal_pdf(x, mu, sigma)?;
                        Ok(0.5 * (1.0 + erf((x - mu) / sigma)))
                    },
                    ..RIGHT
                }),
            Misconception::named("erf_too_few_terms")
                .explanation("Your erf is right near 0 but wrong for |x| ≳ 1.5: it looks like a Taylor series \
                    cut after a few terms. Its terms x^(2n+1)/(n!(2n+1)) first grow (for |x| > 1) and \
                    alternate in sign, so far more terms are needed — keep adding until a term no longer \
                    changes the sum, use erf(x) ≈ ±1 for |x| ≥ 6, or use the positive series \
                    (2/√π) e^(−x²) Σ 2ⁿ x^(2n+1)/(1·3···(2n+1)).")
                .implementation(Impl {
                    erf: truncated_erf,
                    normal_cdf: |x, mu, sigma| cdf_with(truncated_erf, x, mu, sigma),
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            let shown = |r| common::rounded_or_kind(&r, 5);
            vec![
                show::rounded((imp.erf)(0.5), 5),
                if ((imp.erf)(2.5) - erf(2.5)).abs() < 1e-6 { "accurate" } else { "inaccurate" }
                    .into(),
                shown((imp.normal_pdf)(1.0, 0.0, 2.0)),
                shown((imp.normal_cdf)(1.0, 0.0, 1.0)),
                match (imp.normal_pdf)(0.0, 0.0, -1.0) {
                    Ok(_) => "accepts σ < 0".into(),
                    Err(e) => show::error_kind(&e),
                },
            ]
        },
    }
}

/// The right answers: the reference's erf and density, Φ through that erf.
const RIGHT: Impl =
    Impl { erf, normal_pdf, normal_cdf: |x, mu, sigma| cdf_with(erf, x, mu, sigma) };

fn truncated_erf(x: f64) -> f64 {
    // Six terms of the Maclaurin series.
    let (mut sum, mut power, mut factorial) = (0.0, x, 1.0);
    for n in 0..6 {
        if n > 0 {
            factorial *= f64::from(n);
            power *= -x * x;
        }
        sum += power / (factorial * f64::from(2 * n + 1));
    }
    std::f64::consts::FRAC_2_SQRT_PI * sum
}

/// Φ = ½(1 + erf((x − μ)/(σ√2))) with the given erf, after the reference's validation.
fn cdf_with(erf: fn(f64) -> f64, x: f64, mu: f64, sigma: f64) -> Result<f64, StatsError> {
    normal_pdf(x, mu, sigma)?;
    Ok(0.5 * (1.0 + erf((x - mu) / (sigma * SQRT_2))))
}

/// x and μ must be finite (σ is not checked).
fn finite(x: f64, mu: f64) -> Result<(), StatsError> {
    if x.is_finite() && mu.is_finite() { Ok(()) } else { Err(StatsError::NonFinite) }
}
