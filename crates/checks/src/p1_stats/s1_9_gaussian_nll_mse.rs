//! Checks for 1.9 — Gaussian negative log-likelihood and the mean squared error.

use mathlings_stats::StatsError;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_9_gaussian_nll_mse::{Impl, Loss};

/// Sums of ≤ 30 non-negative squares and one logarithm: ~1e-14 relative, whatever the
/// summation order or whether σ is divided before or after squaring; 1e-10 relative (plus
/// 1e-9 absolute for NLLs near 0) leaves margin and rejects a missing ½ or constant.
const AGREE: Tol = Tol { rel: 1e-10, abs: 1e-9 };

fn nll_call(y: &[f64], y_hat: &[f64], sigma: f64) -> String {
    format!("gaussian_nll({}, {}, {})", show::floats(y), show::floats(y_hat), show::float(sigma))
}

fn mse_call(y: &[f64], y_hat: &[f64]) -> String {
    format!("mean_squared_error({}, {})", show::floats(y), show::floats(y_hat))
}

/// Targets and predictions of the same length (1–30), values in [−1000, 1000].
fn pairs() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    (1..30usize).prop_flat_map(|n| (strategies::sample(n..n + 1), strategies::sample(n..n + 1)))
}

/// A noise level: a whole number 1..10 or any value in [0.1, 50].
fn sigma() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![(1..=10u32).prop_map(f64::from), 0.1..50.0f64]
}

/// The constant predictions tried by the argmin property: round(ȳ) + k/2, k = −20..=20.
fn grid(y: &[f64]) -> Vec<f64> {
    let centre = (y.iter().sum::<f64>() / y.len() as f64).round();
    (-20..=20).map(|k| centre + 0.5 * f64::from(k)).collect()
}

/// The index of the smallest value (the first on ties); `None` if any is an error or not finite.
fn argmin(values: &[Result<f64, StatsError>]) -> Option<usize> {
    let values: Vec<f64> =
        values.iter().map(|v| v.clone().ok().filter(|v| v.is_finite())).collect::<Option<_>>()?;
    (0..values.len()).reduce(|best, i| if values[i] < values[best] { i } else { best })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_9_gaussian_nll_mse",
        properties: vec![
            Property::named("nll_matches_reference", 3)
                .description("NLL = (n/2)·ln(2πσ²) + Σ(yᵢ − ŷᵢ)²/(2σ²), as in the reference crate (to 1e-10 relative)")
                .check(|imp, ctx| {
                    ctx.forall(
                        (pairs(), sigma()),
                        |((y, h), s)| nll_call(y, h, *s),
                        |((y, h), s)| {
                            let want = mathlings_stats::gaussian_nll(y, h, *s).expect("reference");
                            expect::close(&(imp.gaussian_nll)(y, h, *s), want, AGREE)
                        },
                    )
                }),
            Property::named("mse_matches_reference", 2)
                .description("MSE = Σ(yᵢ − ŷᵢ)²/n, as in the reference crate (to 1e-10 relative)")
                .check(|imp, ctx| {
                    ctx.forall(
                        pairs(),
                        |(y, h)| mse_call(y, h),
                        |(y, h)| {
                            let want =
                                mathlings_stats::mean_squared_error(y, h).expect("reference");
                            expect::close(&(imp.mean_squared_error)(y, h), want, AGREE)
                        },
                    )
                }),
            Property::named("nll_is_affine_in_mse", 1)
                .description("your two functions agree: NLL = (n/2)·ln(2πσ²) + n·MSE/(2σ²)")
                .check(|imp, ctx| {
                    ctx.forall(
                        (pairs(), sigma()),
                        |((y, h), s)| format!("{} vs {}", nll_call(y, h, *s), mse_call(y, h)),
                        |((y, h), s)| {
                            let mse = (imp.mean_squared_error)(y, h);
                            let mse = expect::ok(mse, "MSE")?;
                            let n = y.len() as f64;
                            let want = 0.5 * n * (2.0 * std::f64::consts::PI * s * s).ln()
                                + n * mse / (2.0 * s * s);
                            expect::close(&(imp.gaussian_nll)(y, h, *s), want, AGREE)
                        },
                    )
                }),
            Property::named("argmin_nll_is_argmin_mse", 2)
                .description("among constant predictions c on a grid, the c with the smallest NLL is the c with the smallest MSE — the grid point nearest the mean ȳ")
                .check(|imp, ctx| {
                    let input = (strategies::sample(1..15), sigma()).prop_filter(
                        "a unique nearest grid point",
                        |(y, _)| {
                            let mean = y.iter().sum::<f64>() / y.len() as f64;
                            let frac = (2.0 * mean).fract().abs();
                            (frac - 0.5).abs() > 1e-6
                        },
                    );
                    ctx.forall(
                        input,
                        |(y, s)| {
                            format!(
                                "gaussian_nll({}, &[c; n], {}) and mean_squared_error({}, &[c; n]) for c in round(ȳ) + k/2, k = −20..=20",
                                show::floats(y),
                                show::float(*s),
                                show::floats(y)
                            )
                        },
                        |(y, s)| {
                            let candidates = grid(y);
                            let predictions: Vec<Vec<f64>> = candidates.iter().map(|&c| vec![c; y.len()]).collect();
                            let nll: Vec<_> = each!(imp.gaussian_nll, (y, h.as_slice(), *s) for h in &predictions).collect();
                            let mse: Vec<_> = each!(imp.mean_squared_error, (y, h.as_slice()) for h in &predictions).collect();
                            let mean = y.iter().sum::<f64>() / y.len() as f64;
                            let nearest = (0..candidates.len())
                                .min_by(|&a, &b| (candidates[a] - mean).abs().total_cmp(&(candidates[b] - mean).abs()));
                            let (a, b) = (argmin(&nll), argmin(&mse));
                            let shown = |i: Option<usize>| i.map_or("no valid minimum".to_string(), |i| show::float(candidates[i]));
                            expect::that(
                                a == nearest && b == nearest,
                                format!("argmin NLL: c = {}, argmin MSE: c = {}", shown(a), shown(b)),
                                format!("both c = {} (nearest ȳ = {})", shown(nearest), show::rounded(mean, 8)),
                            )
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or mismatched slices, NaN/±∞ values, and σ that is NaN, ∞ or ≤ 0 give the typed error, never a panic")
                .check(|imp, ctx| {
                    let nll = |y: &[f64], h: &[f64]| (imp.gaussian_nll)(y, h, 1.0);
                    let nll_shown = |y: &[f64], h: &[f64]| nll_call(y, h, 1.0);
                    let mse = imp.mean_squared_error;
                    rejects!(ctx, |shown, f, y, h| shown(y, h) => f(y, h);
                        (nll_shown, nll, &[], &[]) => StatsError::EmptyInput,
                        (mse_call, mse, &[], &[]) => StatsError::EmptyInput,
                        (nll_shown, nll, &[], &[1.0]) => StatsError::EmptyInput,
                        (mse_call, mse, &[1.0], &[]) => StatsError::EmptyInput,
                        (nll_shown, nll, &[1.0, f64::NAN], &[1.0, 2.0]) => StatsError::NonFinite,
                        (mse_call, mse, &[1.0, f64::NAN], &[1.0, 2.0]) => StatsError::NonFinite,
                        (nll_shown, nll, &[1.0, 2.0], &[1.0, f64::INFINITY]) => StatsError::NonFinite,
                        (mse_call, mse, &[1.0, 2.0], &[1.0, f64::INFINITY]) => StatsError::NonFinite,
                        (nll_shown, nll, &[1.0, 2.0], &[1.0]) => StatsError::LengthMismatch { left: 2, right: 1 },
                        (mse_call, mse, &[1.0, 2.0], &[1.0]) => StatsError::LengthMismatch { left: 2, right: 1 },
                    )?;
                    rejects!(ctx, |s| nll_call(&[1.0], &[2.0], s) => (imp.gaussian_nll)(&[1.0], &[2.0], s);
                        (0.0) => StatsError::InvalidParameter { name: "sigma", .. },
                        (-1.0) => StatsError::InvalidParameter { name: "sigma", .. },
                        (f64::NAN) => StatsError::InvalidParameter { name: "sigma", .. },
                        (f64::INFINITY) => StatsError::InvalidParameter { name: "sigma", .. },
                    )
                }),
            Property::named("anscombe_snapshot", 1)
                .description("on Anscombe's quartet with the common fit ŷ = 3 + 0.5x and σ = 1, the MSE and NLL of each set match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "mean_squared_error(&yᵢ, &ŷᵢ) and gaussian_nll(&yᵢ, &ŷᵢ, 1.0) with ŷᵢ = 3 + 0.5·xᵢ for Anscombe's sets i = 1..4";
                    ctx.once(call, || {
                        let data = mathlings_models::datasets::anscombe();
                        let mut text = String::new();
                        for (i, (x, y)) in data.sets.iter().enumerate() {
                            let h: Vec<f64> = x.iter().map(|v| 3.0 + 0.5 * v).collect();
                            text += &format!(
                                "set {}: MSE = {}, NLL = {}\n",
                                i + 1,
                                show::rounded_result(&(imp.mean_squared_error)(y, &h), 10),
                                show::rounded_result(&(imp.gaussian_nll)(y, &h, 1.0), 10)
                            );
                        }
                        ctx.snapshot("anscombe", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("missing_half")
                .explanation("Your NLL divides the squared errors by σ² instead of 2σ². The Gaussian density \
                    has exp(−(y − ŷ)²/(2σ²)): its negative log contributes (y − ŷ)²/(2σ²) per point, \
                    plus ½·ln(2πσ²).")
                .implementation(Impl { gaussian_nll: missing_half, ..RIGHT }),
            Misconception::named("no_normalising_constant")
                .explanation("Your NLL is only Σ(yᵢ − ŷᵢ)²/(2σ²): the normalising constant (n/2)·ln(2πσ²) of the \
                    Gaussian density is missing. It does not move the minimiser over ŷ, but it is part \
                    of the likelihood (and matters as soon as σ is learned too).")
                .implementation(Impl { gaussian_nll: no_normalising_constant, ..RIGHT }),
            Misconception::named("sum_not_mean")
                .explanation("Your MSE is the sum of squared errors: divide it by the number of observations n.")
                .implementation(Impl { mean_squared_error: sum_not_mean, ..RIGHT }),
        ],
        probe: |imp| {
            let (y, h) = ([1.0, 2.0, 3.0], [1.5, 2.0, 2.0]);
            let fmt = |v: Result<f64, StatsError>| show::ok_or_debug(&v, |v| show::rounded(*v, 8));
            vec![fmt((imp.gaussian_nll)(&y, &h, 2.0)), fmt((imp.mean_squared_error)(&y, &h))]
        },
    }
}

/// The reference implementation: the reference crate's.
const RIGHT: Impl = Impl {
    gaussian_nll: mathlings_stats::gaussian_nll,
    mean_squared_error: mathlings_stats::mean_squared_error,
};

fn sse(y: &[f64], y_hat: &[f64]) -> f64 {
    y.iter().zip(y_hat).map(|(a, b)| (a - b).powi(2)).sum()
}

fn missing_half(y: &[f64], y_hat: &[f64], sigma: f64) -> Result<f64, StatsError> {
    mathlings_stats::gaussian_nll(y, y_hat, sigma)?;
    let n = y.len() as f64;
    Ok(0.5 * n * (2.0 * std::f64::consts::PI * sigma * sigma).ln()
        + sse(y, y_hat) / (sigma * sigma))
}

fn no_normalising_constant(y: &[f64], y_hat: &[f64], sigma: f64) -> Result<f64, StatsError> {
    mathlings_stats::gaussian_nll(y, y_hat, sigma)?;
    Ok(sse(y, y_hat) / (2.0 * sigma * sigma))
}

fn sum_not_mean(y: &[f64], y_hat: &[f64]) -> Result<f64, StatsError> {
    mathlings_stats::mean_squared_error(y, y_hat)?;
    Ok(sse(y, y_hat))
}
