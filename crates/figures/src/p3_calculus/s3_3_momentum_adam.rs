//! 3.3 — momentum and Adam: three optimisers' paths down a curved valley.

use mathlings_bindings::p3_calculus::s3_3_momentum_adam::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, OTHERS, Series, figure};

use crate::plane::{bands, inside, path, steps, valley, valley_gradient};

const X: (f64, f64) = (-2.0, 1.6);
const Y: (f64, f64) = (-0.6, 2.6);
const START: [f64; 2] = [-1.5, 2.0];
/// Steps allowed: momentum and Adam arrive within them, plain gradient descent does not.
const STEPS: usize = 300;
/// ‖∇f‖ at which a run stops.
const TOL: f64 = 1e-3;

/// One optimiser: its panel's title and how the reference and `imp` run it.
struct Method<'a> {
    title: &'a str,
    reference: Box<dyn Fn() -> Result<(), mathlings_calculus::CalculusError> + 'a>,
    yours: Box<dyn Fn() -> Result<(), mathlings_calculus::CalculusError> + 'a>,
}

/// Gradient descent (momentum with β = 0), heavy-ball momentum and Adam from the same start
/// on the same valley: the reference's path and yours (the points where your function
/// evaluated the gradient), over the valley's level bands.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let heavy = |eta: f64, beta: f64| Method {
        title: "",
        reference: Box::new(move || {
            mathlings_calculus::momentum(valley_gradient, &START, eta, beta, TOL, STEPS).map(drop)
        }),
        yours: Box::new(move || {
            (imp.momentum)(valley_gradient, &START, eta, beta, TOL, STEPS).map(drop)
        }),
    };
    let methods = [
        Method {
            title: "gradient descent: momentum(η = 0.01, β = 0)",
            ..heavy(0.01, 0.0)
        },
        Method {
            title: "momentum(η = 0.005, β = 0.9)",
            ..heavy(0.005, 0.9)
        },
        Method {
            title: "adam(η = 0.1, β₁ = 0.9, β₂ = 0.999)",
            reference: Box::new(|| {
                mathlings_calculus::adam(valley_gradient, &START, 0.1, 0.9, 0.999, 1e-8, TOL, STEPS)
                    .map(drop)
            }),
            yours: Box::new(|| {
                (imp.adam)(valley_gradient, &START, 0.1, 0.9, 0.999, 1e-8, TOL, STEPS).map(drop)
            }),
        },
    ];
    let charts: Vec<Chart> = methods
        .iter()
        .map(|method| {
            let (reference, reference_stopped) = path(&method.reference);
            let (learner, stopped) = path(&method.yours);
            let reference = reference.unwrap_or_default();
            let suffix = learner
                .as_ref()
                .map_or_else(|_| String::new(), |p| steps(p, stopped.as_deref()));
            Chart::new(
                method.title,
                Axis::linear("x (no unit)", X.0, X.1),
                Axis::linear("y (no unit)", Y.0, Y.1),
            )
            .legend_at(Corner::UpperRight)
            .behind(bands(X, Y, |x, y| valley(x, y).ln_1p()))
            .with(Series::new(
                format!(
                    "reference {}",
                    steps(&reference, reference_stopped.as_deref())
                ),
                mathlings_plot::REFERENCE,
                Mark::Line(4),
                inside(&reference, X, Y),
            ))
            .with(Series::yours(
                &suffix,
                Mark::Dashed(2),
                learner.map(|p| inside(&p, X, Y)),
            ))
            .with(Series::new(
                "start (−1.5, 2)",
                OTHERS[4],
                Mark::Dots(6),
                vec![(START[0], START[1])],
            ))
            .with(Series::new(
                "minimum (1, 1)",
                OTHERS[4],
                Mark::Crosses(7),
                vec![(1.0, 1.0)],
            ))
        })
        .collect();
    vec![figure(
        "paths",
        "Momentum and Adam: paths down a curved valley, f = (1 − x)² + 10(y − x²)²",
        "Gradient descent zig-zags and then crawls along the valley floor and is still short \
         of the minimum after 300 steps; momentum builds up speed along the floor and \
         overshoots, Adam takes steps of about η in each coordinate — your dashed path should \
         trace the reference's in each panel.",
        seed,
        3,
        &charts,
    )]
}
