//! 3.1 — finite differences: truncation error against rounding error.

use mathlings_bindings::p3_calculus::s3_1_finite_differences::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, OTHERS, REFERENCE, Series, YOURS, figure};

use crate::yours;

fn sin(x: f64) -> f64 {
    x.sin()
}

/// The error of the forward and the central difference of sin at x = 1 against the step h,
/// on log–log axes: a V whose right arm is the truncation error (slope 1 and 2) and whose
/// left arm is rounding (slope −1).
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let x = 1.0_f64;
    let exact = x.cos();
    let steps: Vec<f64> = (0..=56)
        .map(|i| 10f64.powf(-14.0 + 0.25 * f64::from(i)))
        .collect();
    // Errors are floored at 10⁻¹⁶ so that an exact estimate still shows on a log axis.
    let error = |estimate: f64| (estimate - exact).abs().max(1e-16);
    let curve = |estimator: &dyn Fn(f64) -> Result<f64, String>| {
        steps
            .iter()
            .map(|&h| estimator(h).map(|d| (h, error(d))))
            .collect::<Result<Vec<_>, _>>()
    };
    let reference = |central: bool| {
        curve(&|h| {
            if central {
                mathlings_calculus::central_difference(sin, x, h)
            } else {
                mathlings_calculus::forward_difference(sin, x, h)
            }
            .map_err(|e| e.to_string())
        })
        .unwrap_or_default()
    };
    let learner =
        |estimator: mathlings_bindings::p3_calculus::s3_1_finite_differences::Estimator| {
            curve(&|h| yours(|| estimator(sin, x, h)))
        };
    // `derivative(f, x)` chooses its own step: the reference's (h = ε^⅓) as a point, yours
    // as a level across the chart (its step is not known, its error is).
    let h_best = mathlings_calculus::optimal_central_step(x);
    let best = mathlings_calculus::central_difference(sin, x, h_best)
        .map_or_else(|_| Vec::new(), |d| vec![(h_best, error(d))]);
    let chosen =
        yours(|| (imp.derivative)(sin, x)).map(|d| vec![(1e-14, error(d)), (1.0, error(d))]);
    let chart = Chart::new(
        "d/dx sin(x) at x = 1",
        Axis::log("step h", 1e-14, 1.0),
        Axis::log("absolute error |estimate − cos 1|", 1e-16, 1.0),
    )
    .legend_at(Corner::LowerLeft)
    .with(Series::new(
        "reference forward",
        REFERENCE,
        Mark::Line(4),
        reference(false),
    ))
    .with(Series::new(
        "reference central",
        OTHERS[3],
        Mark::Line(4),
        reference(true),
    ))
    .with(Series::yours(
        "forward",
        Mark::Dashed(2),
        learner(imp.forward_difference),
    ))
    .with(Series::new(
        "yours central",
        YOURS,
        Mark::Dots(2),
        learner(imp.central_difference).unwrap_or_default(),
    ))
    .with(Series::new(
        "reference derivative(f, x)",
        REFERENCE,
        Mark::Dots(7),
        best,
    ))
    .with(Series::yours("derivative(f, x)", Mark::Line(1), chosen));
    vec![figure(
        "error-vs-h",
        "Finite differences: the V of truncation and rounding",
        "Too large a step errs by truncation (slope 1 forward, 2 central), too small a step by \
         rounding (slope −1); the bottom of each V is the best step, where derivative(f, x) should land — yours \
         should trace the reference's.",
        seed,
        1,
        &[chart],
    )]
}
