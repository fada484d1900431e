//! Checks for 3.1 — forward and central finite differences.

use mathlings_calculus::CalculusError;

use crate::prelude::*;

pub use mathlings_bindings::p3_calculus::s3_1_finite_differences::{DerivativeFn, Estimator, Impl};

/// A test function with its exact derivative and how it is written in a call.
struct TestFn {
    name: &'static str,
    f: fn(f64) -> f64,
    df: fn(f64) -> f64,
}

fn cubic(x: f64) -> f64 {
    x * x * x - 2.0 * x
}
const FUNCTIONS: [TestFn; 6] = [
    TestFn { name: "f64::sin", f: f64::sin, df: f64::cos },
    TestFn { name: "f64::exp", f: f64::exp, df: f64::exp },
    TestFn { name: "|x| x * x * x - 2.0 * x", f: cubic, df: |x| 3.0 * x * x - 2.0 },
    TestFn {
        name: "|x| (1.0 + x * x).ln()",
        f: |x| (1.0 + x * x).ln(),
        df: |x| 2.0 * x / (1.0 + x * x),
    },
    TestFn { name: "f64::tanh", f: f64::tanh, df: |x| 1.0 - x.tanh().powi(2) },
    TestFn { name: "f64::cos", f: f64::cos, df: |x| -x.sin() },
];

/// Agreement with the reference at the same h: both evaluate f at the same points, so
/// they differ only by the rounding of the quotient and of the denominator (h, 2h or the
/// float distance between the points): at most a few ε·(|f| + |x·f′|)/h. 16 ε leaves
/// slack; an O(h) truncation error (forward instead of central) is ≥ 1e-6 here.
fn same_h_tolerance(t: &TestFn, x: f64, h: f64, want: f64) -> Tol {
    let scale = [(t.f)(x + h), (t.f)(x - h), (t.f)(x)].iter().fold(0.0f64, |m, v| m.max(v.abs()));
    Tol { rel: 1e-12, abs: 16.0 * f64::EPSILON * (scale + x.abs() * want.abs()) / h }
}

/// `derivative(f, x)` with the best step has error ≈ ε^(2/3) ≈ 4e-11 relative to the scale
/// max(1, |f|, |f′|) (≤ 2e-10 on these functions for |x| ≤ 5); 1e-8 accepts any central
/// step from 1e-6 to 1e-4 but rejects round-off-dominated steps (h = 1e-15 gives ~0.1) and
/// the forward difference (error ≈ √ε·|f″|/2·max(1, |x|) ≈ 4e-8 at x = 5).
const ACCURATE: f64 = 1e-8;

/// The estimator `pick` (called `name`) equals the reference's at random functions, points
/// and steps.
fn same_as_reference(imp: &Impl, ctx: &Ctx, name: &str, pick: fn(&Impl) -> Estimator) -> Verdict {
    let (estimate, reference) = (pick(imp), pick(&RIGHT));
    let input = (0..FUNCTIONS.len(), -3.0..3.0f64, -5.0..-1.0f64)
        .prop_map(|(i, x, log_h)| (i, x, 10f64.powf(log_h)));
    ctx.forall(
        input,
        |&(i, x, h)| call(name, &FUNCTIONS[i], x, h),
        |&(i, x, h)| {
            let t = &FUNCTIONS[i];
            let want = reference(t.f, x, h).expect("reference finite difference");
            expect::close(&estimate(t.f, x, h), want, same_h_tolerance(t, x, h, want))
        },
    )
}

fn call(name: &str, t: &TestFn, x: f64, h: f64) -> String {
    format!("{name}({}, {}, {})", t.name, show::float(x), show::float(h))
}

fn derivative_call(t: &TestFn, x: f64) -> String {
    format!("derivative({}, {})", t.name, show::float(x))
}

/// The ratio error(h) / error(h/2) of an estimator at the fixed points used to measure the
/// order of accuracy (sin at 0.7 and exp at 0.5, h = 0.02).
fn error_ratios(estimate: Estimator) -> Result<Vec<f64>, String> {
    let ratio = |t: &TestFn, x: f64| -> Result<f64, String> {
        // The absolute error of the estimate, or why there is none.
        let error = |h| match estimate(t.f, x, h) {
            Ok(v) if v.is_finite() => Ok((v - (t.df)(x)).abs()),
            other => Err(show::float_result(&other)),
        };
        Ok(error(0.02)? / error(0.01)?)
    };
    Ok(vec![ratio(&FUNCTIONS[0], 0.7)?, ratio(&FUNCTIONS[1], 0.5)?])
}

/// Halving h divides an O(hᵖ) error by 2ᵖ; at h = 0.02 the next error term changes the ratio
/// by < 1 %, so ±10 % tells order 1 (≈ 2) from order 2 (≈ 4) with room to spare.
const RATIO_SLACK: f64 = 0.1;

/// Whether every ratio is `ratio` ± 10 %.
fn near(ratios: &[f64], ratio: f64) -> bool {
    ratios.iter().all(|q| (q / ratio - 1.0).abs() < RATIO_SLACK)
}

fn order_of(ratios: &Result<Vec<f64>, String>) -> String {
    match ratios {
        Ok(r) if near(r, 4.0) => "O(h²)".into(),
        Ok(r) if near(r, 2.0) => "O(h)".into(),
        Ok(_) => "other order".into(),
        Err(e) => e.clone(),
    }
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s3_1_finite_differences",
        properties: vec![
            Property::named("central_matches_reference", 3)
                .description("central_difference equals (f(x + h) − f(x − h)) / (2h) as computed by the reference, for sin, exp, cos, tanh, a cubic and ln(1 + x²), x ∈ [−3, 3], h ∈ [1e-5, 0.1]")
                .check(|imp, ctx| same_as_reference(imp, ctx, "central_difference", |m| m.central_difference)),
            Property::named("forward_matches_reference", 2)
                .description("forward_difference equals (f(x + h) − f(x)) / h as computed by the reference, on the same functions, points and steps")
                .check(|imp, ctx| same_as_reference(imp, ctx, "forward_difference", |m| m.forward_difference)),
            Property::named("order_of_accuracy", 2)
                .description("halving h divides the central error by ≈ 4 (O(h²)) and the forward error by ≈ 2 (O(h)), on sin at 0.7 and exp at 0.5")
                .check(|imp, ctx| {
                    let estimators: [(&str, Estimator, f64); 2] = [
                        ("central_difference", imp.central_difference, 4.0),
                        ("forward_difference", imp.forward_difference, 2.0),
                    ];
                    estimators.iter().try_for_each(|&(name, estimate, ratio)| {
                        let call = format!("{name}(f64::sin, 0.7, 0.02) vs {name}(f64::sin, 0.7, 0.01) (and f64::exp at 0.5)");
                        ctx.once(&call, || {
                            let ratios = error_ratios(estimate);
                            let shown = ratios.as_ref().map_or_else(String::clone, |r| {
                                format!("error ratios {} (sin at 0.7, exp at 0.5)", show::rounded_all(r, 3))
                            });
                            let expected = format!("error({name}, h = 0.02) / error(h = 0.01) ≈ {ratio} (± 10 %)");
                            expect::that(matches!(&ratios, Ok(r) if near(r, ratio)), shown, expected)
                        })
                    })
                }),
            Property::named("derivative_is_accurate", 2)
                .description("derivative(f, x) is within 1e-8·max(1, |f(x)|, |f′(x)|) of the exact derivative for x ∈ [−5, 5] (a step neither too large nor round-off dominated)")
                .check(|imp, ctx| {
                    let input = (0..FUNCTIONS.len(), -5.0..5.0f64);
                    ctx.forall(input, |&(i, x)| derivative_call(&FUNCTIONS[i], x), |&(i, x)| {
                        let (t, exact) = (&FUNCTIONS[i], (FUNCTIONS[i].df)(x));
                        let scale = 1f64.max((t.f)(x).abs()).max(exact.abs());
                        expect::close(&(imp.derivative)(t.f, x), exact, Tol::absolute(ACCURATE * scale))
                    })
                }),
            Property::named("derivative_at_large_x", 1)
                .description("derivative(f, x) is within 1e-8·|f′(x)| of f′(x) for x³ − 2x and ln(1 + x²) at |x| from 1e2 to 1e8 (the step grows with |x|)")
                .check(|imp, ctx| {
                    // With h = ε^(1/3)·|x| both functions vary on the scale |x|, so the
                    // relative error stays ≈ ε^(2/3) ≈ 4e-11 for the cubic and ≈ 1e-9 for
                    // ln(1 + x²) (round-off ε·ln(x²)/h against f′ ≈ 2/x); any step between
                    // 0.2 and 5 times that is inside 1e-8. A step that does not grow with |x|
                    // (6e-6 at x = 1e8) is all round-off (≈ 7 % for the logarithm), and one
                    // that shrinks with |x| falls below the float spacing: x ± h == x.
                    for t in [&FUNCTIONS[2], &FUNCTIONS[3]] {
                        for x in [1e2, -1e4, 1e6, -1e8, 1e8] {
                            ctx.once(&derivative_call(t, x), || {
                                expect::close(&(imp.derivative)(t.f, x), (t.df)(x), Tol { rel: ACCURATE, abs: 0.0 })
                            })?;
                        }
                    }
                    Ok(())
                }),
            Property::named("rejects_bad_input", 1)
                .description("h ≤ 0, h = NaN/∞, h so small that x + h == x or x − h == x, or so large that x ± h overflows give InvalidParameter { name: \"h\", .. }; a NaN x or a NaN value of f gives NonFinite")
                .check(|imp, ctx| {
                    let sin = FUNCTIONS[0].f;
                    let (forward, central) = (imp.forward_difference, imp.central_difference);
                    for (name, estimate) in [("forward_difference", forward), ("central_difference", central)] {
                        rejects!(ctx, |x, h| call(name, &FUNCTIONS[0], x, h) => estimate(sin, x, h);
                            (1.0, 0.0) => CalculusError::InvalidParameter { name: "h", .. },
                            (1.0, -0.1) => CalculusError::InvalidParameter { name: "h", .. },
                            (1.0, f64::NAN) => CalculusError::InvalidParameter { name: "h", .. },
                            (1.0, f64::INFINITY) => CalculusError::InvalidParameter { name: "h", .. },
                            (3.0, 1e-20) => CalculusError::InvalidParameter { name: "h", .. },
                            // 8e-17 is below half the float spacing above 1 (ε/2 ≈ 1.1e-16) but
                            // above half the spacing below 1: 1 + h == 1 while 1 − h ≠ 1.
                            (1.0, 8e-17) => CalculusError::InvalidParameter { name: "h", .. },
                            // x + h overflows to +∞.
                            (1e308, 1e308) => CalculusError::InvalidParameter { name: "h", .. },
                            (f64::NAN, 0.1) => CalculusError::NonFinite,
                        )?;
                        rejects!(ctx, |f| format!("{name}(f64::ln, -1.0, 0.1)") => estimate(f, -1.0, 0.1);
                            (f64::ln) => CalculusError::NonFinite,
                        )?;
                    }
                    // Only x − h is the problem here: −1 − 8e-17 == −1 (the spacing above
                    // |x| = 1 is ε), and −1e308 − 1e308 overflows to −∞ while x + h = 0.
                    rejects!(ctx, |x, h| call("central_difference", &FUNCTIONS[0], x, h) => (imp.central_difference)(sin, x, h);
                        (-1.0, 8e-17) => CalculusError::InvalidParameter { name: "h", .. },
                        (-1e308, 1e308) => CalculusError::InvalidParameter { name: "h", .. },
                    )?;
                    rejects!(ctx, |x| "derivative(f64::sin, f64::NAN)" => (imp.derivative)(sin, x);
                        (f64::NAN) => CalculusError::NonFinite,
                    )
                }),
        ],
        misconceptions: vec![
            Misconception::named("forward_for_central")
                .explanation("Your central_difference behaves like a forward difference: its error only halves when h \
                    halves (O(h)). A central difference looks both ways, (f(x + h) − f(x − h)) / (2h): the \
                    h·f″/2 terms of the two sides cancel and the error becomes h²·|f‴|/6, which quarters when h halves.")
                .implementation(Impl { central_difference: RIGHT.forward_difference, ..RIGHT }),
            Misconception::named("divides_by_h")
                .explanation("Your central difference is twice the slope: the secant from x − h to x + h spans a \
                    distance of 2h, so divide f(x + h) − f(x − h) by 2h, not by h.")
                .implementation(Impl {
                    central_difference: |f, x, h| (RIGHT.central_difference)(f, x, h).map(|v| 2.0 * v),
                    ..RIGHT
                }),
            Misconception::named("h_too_small")
                .explanation("Your derivative uses a tiny step (like h = 1e-15). f(x ± h) are rounded to about 16 \
                    digits, and dividing their difference by 2h magnifies that rounding by about ε·|f|/h — with \
                    h = 1e-15 the answer is mostly noise. Balance round-off (ε/h) against truncation (h²): \
                    h = ε^(1/3)·max(1, |x|) ≈ 6e-6·max(1, |x|).")
                .implementation(Impl {
                    // The learner's own central difference with a hard-coded tiny step (no rounding check).
                    derivative: |f, x| finite_x(x).map(|()| (f(x + 1e-15) - f(x - 1e-15)) / (2.0 * 1e-15)),
                    ..RIGHT
                }),
            Misconception::named("derivative_by_forward")
                .explanation("Your derivative uses a forward difference. Even with its best step (h ≈ √ε ≈ 1.5e-8) a \
                    forward difference keeps only about 8 digits, because its error is O(h); a central difference \
                    with h ≈ ε^(1/3)·max(1, |x|) keeps about 10. Use central_difference in derivative.")
                .implementation(Impl {
                    derivative: |f, x| {
                        finite_x(x)?;
                        mathlings_calculus::forward_difference(f, x, mathlings_calculus::optimal_forward_step(x))
                    },
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            let sin = FUNCTIONS[0].f;
            let value = |estimate: Estimator| show::ok_or_debug(&estimate(sin, 0.5, 1e-3), |v| show::rounded(*v, 6));
            let accuracy = |t: &TestFn, x: f64| {
                show::ok_or_debug(&(imp.derivative)(t.f, x), |v| {
                    let error = (v - (t.df)(x)).abs() / (t.df)(x).abs();
                    let digits = if error <= 1e-9 { "10 digits" } else if error <= 1e-6 { "8 digits" } else { "inaccurate" };
                    digits.to_string()
                })
            };
            vec![
                value(imp.forward_difference),
                value(imp.central_difference),
                order_of(&error_ratios(imp.central_difference)),
                accuracy(&FUNCTIONS[1], 3.0),
                accuracy(&FUNCTIONS[0], 0.5),
            ]
        },
    }
}

/// The reference's estimators, and the derivative by a central difference with the
/// optimal step: the parts the wrong answers get right.
const RIGHT: Impl = Impl {
    forward_difference: |f, x, h| mathlings_calculus::forward_difference(f, x, h),
    central_difference: |f, x, h| mathlings_calculus::central_difference(f, x, h),
    derivative: |f, x| {
        finite_x(x)?;
        mathlings_calculus::central_difference(f, x, mathlings_calculus::optimal_central_step(x))
    },
};

/// `NonFinite` unless x is finite.
fn finite_x(x: f64) -> Result<(), CalculusError> {
    if x.is_finite() { Ok(()) } else { Err(CalculusError::NonFinite) }
}
