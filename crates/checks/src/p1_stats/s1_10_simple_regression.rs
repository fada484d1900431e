//! Checks for 1.10 — simple linear regression in closed form.
// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_stats::StatsError;

use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_10_simple_regression::Impl;

/// Agreement with the reference: values ≤ 1e3, n ≤ 30 and Var(x) ≥ 1, so the centred sums
/// carry a relative error ≲ n·ε ≈ 1e-14; 1e-8 relative (1e-7 absolute for coefficients near
/// 0, where β₀ = ȳ − β₁x̄ cancels terms up to ~1e5) leaves ample slack.
const AGREE: Tol = Tol { rel: 1e-8, abs: 1e-7 };
/// Exact recovery on y = a + bx with |b| ≤ 20, |x| ≤ 1e3: rounding in y alone is ~1e-12
/// relative to |y| ≤ 2e4, so 1e-7 absolute is far inside what any centred formula achieves.
const EXACT: Tol = Tol { rel: 1e-9, abs: 1e-7 };
/// Normal equations at the fit: Σeᵢ and Σxᵢeᵢ vanish up to rounding of n terms of size
/// |y| and |x·y| (≤ 1e6): 1e-8 relative to Σ|xᵢ||yᵢ| is a few hundred ulps of slack.
const ORTHOGONAL: f64 = 1e-8;

fn call(x: &[f64], y: &[f64]) -> String {
    format!("simple_linear_regression({}, {})", show::floats(x), show::floats(y))
}

fn reference(x: &[f64], y: &[f64]) -> (f64, f64, f64) {
    let fit = mathlings_models::simple_linear_regression(x, y).expect("reference fit");
    (fit.intercept, fit.slope, fit.r_squared)
}

/// Paired samples whose x values spread out (sample variance ≥ 1).
fn pairs() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    proptest::collection::vec((strategies::value(), strategies::value()), 3..30)
        .prop_map(|v| v.into_iter().unzip::<f64, f64, Vec<f64>, Vec<f64>>())
        .prop_filter("x needs spread", |(x, _)| {
            mathlings_stats::sample_variance(x).is_ok_and(|v| v >= 1.0)
        })
}

fn as_vec(got: &Result<(f64, f64, f64), StatsError>) -> Result<Vec<f64>, StatsError> {
    got.clone().map(|(a, b, r)| vec![a, b, r])
}

fn show_fit(got: &Result<(f64, f64, f64), StatsError>, digits: usize) -> String {
    show::ok_or_debug(got, |&(a, b, r)| {
        let [a, b, r] = [a, b, r].map(|v| show::rounded(v, digits));
        format!("y = {a} + {b}·x, R² = {r}")
    })
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_10_simple_regression",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("(β₀, β₁, R²) equal the reference least-squares line of y on x (to 1e-8 relative)")
                .check(|imp, ctx| {
                    ctx.forall(
                        pairs(),
                        |(x, y)| call(x, y),
                        |(x, y)| {
                            let (a, b, r) = reference(x, y);
                            let got = as_vec(&(imp.simple_linear_regression)(x, y));
                            expect::all_close(&got, &[a, b, r], AGREE)
                        },
                    )
                }),
            Property::named("exact_on_noiseless_lines", 2)
                .description("points exactly on y = a + b·x give back β₀ = a, β₁ = b and R² = 1, also for a flat line (constant y: Syy = 0, yet R² = 1, not 0/0)")
                .check(|imp, ctx| {
                    // A constant y makes Sxy²/(Sxx·Syy) = 0/0: the contract asks for R² = 1.
                    // Its mean is exact, so every deviation (and Syy) is exactly 0.
                    let (x, flat) = ([1.0, 2.0, 4.0], [5.0, 5.0, 5.0]);
                    ctx.once(&call(&x, &flat), || {
                        let got = as_vec(&(imp.simple_linear_regression)(&x, &flat));
                        expect::all_close(&got, &[5.0, 0.0, 1.0], EXACT)
                    })?;
                    let input = (pairs(), -20i32..=20, -20i32..=20)
                        .prop_filter("a line with a slope", |(_, _, b)| *b != 0);
                    ctx.forall(
                        input,
                        |((x, _), a, b)| call(x, &line(x, *a, *b)),
                        |((x, _), a, b)| {
                            let got = as_vec(&(imp.simple_linear_regression)(x, &line(x, *a, *b)));
                            expect::all_close(&got, &[f64::from(*a), f64::from(*b), 1.0], EXACT)
                        },
                    )
                }),
            Property::named("residuals_balance", 1)
                .description("the residuals eᵢ = yᵢ − β₀ − β₁xᵢ sum to 0 and are uncorrelated with x (Σxᵢeᵢ = 0)")
                .check(|imp, ctx| {
                    ctx.forall(
                        pairs(),
                        |(x, y)| call(x, y),
                        |(x, y)| {
                            let got = (imp.simple_linear_regression)(x, y);
                            let (a, b, _) = expect::ok(got, "(β₀, β₁, R²)")?;
                            let e: Vec<f64> =
                                x.iter().zip(y).map(|(xi, yi)| yi - a - b * xi).collect();
                            let sum: f64 = e.iter().sum();
                            let cross: f64 = x.iter().zip(&e).map(|(xi, ei)| xi * ei).sum();
                            let scale_y: f64 = y.iter().map(|v| v.abs()).sum::<f64>() + 1.0;
                            let scale_xy: f64 = x
                                .iter()
                                .zip(y)
                                .map(|(xi, yi)| (xi * yi).abs() + xi * xi)
                                .sum::<f64>()
                                + 1.0;
                            expect::that(
                                sum.abs() <= ORTHOGONAL * scale_y
                                    && cross.abs() <= ORTHOGONAL * scale_xy,
                                format!(
                                    "Ok(({}, {}, _)) with Σeᵢ = {} and Σxᵢeᵢ = {}",
                                    show::float(a),
                                    show::float(b),
                                    show::rounded(sum, 4),
                                    show::rounded(cross, 4)
                                ),
                                "a line whose residuals satisfy Σeᵢ ≈ 0 and Σxᵢeᵢ ≈ 0",
                            )
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty data, different lengths, NaN/±∞ or a constant x give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |x, y| call(x, y) => (imp.simple_linear_regression)(x, y);
                        (&[], &[]) => StatsError::EmptyInput,
                        (&[], &[1.0, 2.0]) => StatsError::EmptyInput,
                        (&[1.0, 2.0], &[]) => StatsError::EmptyInput,
                        (&[1.0, 2.0, 3.0], &[1.0, 2.0]) => StatsError::LengthMismatch { left: 3, right: 2 },
                        (&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]) => StatsError::NonFinite,
                        (&[1.0, 2.0, 3.0], &[1.0, f64::INFINITY, 3.0]) => StatsError::NonFinite,
                        (&[2.0, 2.0, 2.0], &[1.0, 2.0, 4.0]) => StatsError::Undefined(_),
                        (&[0.1], &[5.0]) => StatsError::Undefined(_),
                    )
                }),
            Property::named("anscombe_fits", 2)
                .description("all four of Anscombe's data sets give the same line, y ≈ 3.00 + 0.500·x with R² ≈ 0.67 (stored snapshot)")
                .check(|imp, ctx| {
                    let call = "simple_linear_regression(&xᵢ, &yᵢ) for Anscombe's sets i = 1..4";
                    ctx.once(call, || {
                        let data = mathlings_models::datasets::anscombe();
                        let mut text = String::new();
                        for (i, (x, y)) in data.sets.iter().enumerate() {
                            let fit = (imp.simple_linear_regression)(x, y);
                            text += &format!("set {}: {}\n", i + 1, show_fit(&fit, 6));
                        }
                        ctx.snapshot("anscombe", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("regresses_x_on_y")
                .explanation("Your slope looks like Sxy/Syy: the line of x on y (horizontal errors), not of y \
                    on x. Least squares for predicting y minimises the vertical distances Σ(yᵢ − β₀ − β₁xᵢ)², \
                    which gives β₁ = Sxy/Sxx (divide by the spread of x) and β₀ = ȳ − β₁x̄. The two lines \
                    coincide only when every point lies on one line.")
                .implementation(Impl { simple_linear_regression: regresses_x_on_y }),
            Misconception::named("no_intercept")
                .explanation("Your line goes through the origin: β₁ = Σxᵢyᵢ/Σxᵢ² with β₀ = 0. That is a \
                    different model (regression through the origin) and is biased whenever the data do not \
                    pass through (0, 0). Centre first: use deviations from the means, β₁ = Sxy/Sxx, then \
                    β₀ = ȳ − β₁x̄ puts the line through (x̄, ȳ).")
                .implementation(Impl { simple_linear_regression: no_intercept }),
        ],
        probe: |imp| {
            let fit = (imp.simple_linear_regression)(
                &[1.0, 2.0, 3.0, 4.0, 5.0],
                &[2.0, 4.0, 5.0, 4.0, 5.0],
            );
            let line = (imp.simple_linear_regression)(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0]);
            vec![show_fit(&fit, 6), show_fit(&line, 6)]
        },
    }
}

fn line(x: &[f64], a: i32, b: i32) -> Vec<f64> {
    x.iter().map(|xi| f64::from(a) + f64::from(b) * xi).collect()
}

fn validate(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    if x.is_empty() || y.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch { left: x.len(), right: y.len() });
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if x.iter().all(|&v| v == x[0]) {
        return Err(StatsError::Undefined("x is constant"));
    }
    Ok(x.len() as f64)
}

fn regresses_x_on_y(x: &[f64], y: &[f64]) -> Result<(f64, f64, f64), StatsError> {
    let n = validate(x, y)?;
    let (xm, ym) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - xm) * (b - ym)).sum();
    let sxx: f64 = x.iter().map(|a| (a - xm).powi(2)).sum();
    let syy: f64 = y.iter().map(|b| (b - ym).powi(2)).sum();
    if syy == 0.0 {
        return Ok((ym, 0.0, 1.0));
    }
    let slope = sxy / syy;
    Ok((xm - slope * ym, slope, sxy * sxy / (sxx * syy)))
}

fn no_intercept(x: &[f64], y: &[f64]) -> Result<(f64, f64, f64), StatsError> {
    validate(x, y)?;
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| a * b).sum();
    let sxx: f64 = x.iter().map(|a| a * a).sum();
    let slope = sxy / sxx;
    let sse: f64 = x.iter().zip(y).map(|(a, b)| (b - slope * a).powi(2)).sum();
    let syy: f64 = y.iter().map(|b| b * b).sum();
    Ok((0.0, slope, if syy > 0.0 { 1.0 - sse / syy } else { 1.0 }))
}
