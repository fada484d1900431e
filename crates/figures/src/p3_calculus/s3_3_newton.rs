//! 3.3 — Newton's method: its path down a curved valley and onto a saddle, beside gradient
//! descent's.

use mathlings_bindings::p3_calculus::s3_3_newton::{Grad, Hess, Impl};
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, OTHERS, REFERENCE, Series, figure};
use nalgebra::DMatrix;

use crate::plane::{Points, bands, inside, path, steps, valley, valley_gradient, visit};

/// Newton's tolerance on ‖∇f‖ (the exercise's checks use the same) and its step budget.
const TOL: f64 = 1e-9;
const NEWTON_STEPS: usize = 50;
/// Gradient descent's budget, as in the momentum figure: it does not arrive within it.
const DESCENT_STEPS: usize = 300;

fn valley_hessian(p: &[f64]) -> DMatrix<f64> {
    let (x, y) = (p[0], p[1]);
    DMatrix::from_row_slice(
        2,
        2,
        &[2.0 + 120.0 * x * x - 40.0 * y, -40.0 * x, -40.0 * x, 20.0],
    )
}

/// A saddle, f = xy + y² − x − 3y: a quadratic whose only stationary point, (1, 1), is
/// neither a minimum nor a maximum (H = [0 1; 1 2] has eigenvalues 1 ± √2), and whose
/// Hessian has a 0 where the first pivot goes.
fn saddle(x: f64, y: f64) -> f64 {
    x * y + y * y - x - 3.0 * y
}

/// The saddle's bands: f − f(1, 1) on a symmetric logarithmic scale, so that the shallow
/// downhill side gets about as many bands as the steep uphill one and the level set through
/// the saddle point (the lines y = 1 and x + y = 2) shows as the crossing of the bands.
fn spread_around_saddle(v: f64) -> f64 {
    let above = v - saddle(1.0, 1.0);
    above.signum() * above.abs().ln_1p()
}

fn saddle_gradient(p: &[f64]) -> Vec<f64> {
    visit(p);
    vec![p[1] - 1.0, p[0] + 2.0 * p[1] - 3.0]
}

fn saddle_hessian(_: &[f64]) -> DMatrix<f64> {
    DMatrix::from_row_slice(2, 2, &[0.0, 1.0, 1.0, 2.0])
}

/// One panel: a function over its rectangle, with its gradient and Hessian, where the paths
/// start and gradient descent's step size.
struct Landscape {
    title: &'static str,
    x: (f64, f64),
    y: (f64, f64),
    f: fn(f64, f64) -> f64,
    /// What the level bands show (a monotone function of f, to spread them).
    bands: fn(f64) -> f64,
    grad: Grad,
    hess: Hess,
    start: [f64; 2],
    start_label: &'static str,
    eta: f64,
    stationary: (f64, f64),
    stationary_label: &'static str,
    legend: Corner,
}

/// A path's legend, or nothing when it failed before its first step.
fn suffix(points: &Points, stopped: Option<&str>) -> String {
    points
        .as_ref()
        .map_or_else(|_| String::new(), |p| steps(p, stopped))
}

fn panel(imp: &Impl, l: &Landscape) -> Chart {
    let (reference, reference_stopped) = path(|| {
        mathlings_calculus::newton_method(l.grad, l.hess, &l.start, TOL, NEWTON_STEPS).map(drop)
    });
    let (learner, stopped) =
        path(|| (imp.newton_method)(l.grad, l.hess, &l.start, TOL, NEWTON_STEPS).map(drop));
    let (descent, descent_stopped) = path(|| {
        mathlings_calculus::gradient_descent(l.grad, &l.start, l.eta, TOL, DESCENT_STEPS).map(drop)
    });
    let descent_label = format!(
        "gradient descent, η = {} {}",
        l.eta,
        suffix(&descent, descent_stopped.as_deref())
    );
    let reference_label = format!(
        "reference Newton {}",
        suffix(&reference, reference_stopped.as_deref())
    );
    let learner_label = format!("Newton {}", suffix(&learner, stopped.as_deref()));
    let (f, shade) = (l.f, l.bands);
    Chart::new(
        l.title,
        Axis::linear("x (no unit)", l.x.0, l.x.1),
        Axis::linear("y (no unit)", l.y.0, l.y.1),
    )
    .legend_at(l.legend)
    .behind(bands(l.x, l.y, move |x, y| shade(f(x, y))))
    .with(Series::new(
        descent_label,
        OTHERS[0],
        Mark::Line(2),
        inside(&descent.unwrap_or_default(), l.x, l.y),
    ))
    .with(Series::new(
        reference_label,
        REFERENCE,
        Mark::Line(4),
        inside(&reference.unwrap_or_default(), l.x, l.y),
    ))
    .with(Series::yours(
        &learner_label,
        Mark::Dashed(2),
        learner.map(|p| inside(&p, l.x, l.y)),
    ))
    .with(Series::new(
        l.start_label,
        OTHERS[4],
        Mark::Dots(6),
        vec![(l.start[0], l.start[1])],
    ))
    .with(Series::new(
        l.stationary_label,
        OTHERS[4],
        Mark::Crosses(7),
        vec![l.stationary],
    ))
}

/// Newton's method from the same start on a curved valley and on a saddle: the reference's
/// path and yours (the points where your function evaluated the gradient), with gradient
/// descent's path (the reference's) for comparison, over the functions' level bands.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let landscapes = [
        Landscape {
            title: "a curved valley, f = (1 − x)² + 10(y − x²)²",
            x: (-2.0, 1.6),
            y: (-0.6, 2.6),
            f: valley,
            bands: f64::ln_1p,
            grad: valley_gradient,
            hess: valley_hessian,
            start: [-1.5, 2.0],
            start_label: "start (−1.5, 2)",
            eta: 0.01,
            stationary: (1.0, 1.0),
            stationary_label: "minimum (1, 1)",
            legend: Corner::UpperRight,
        },
        Landscape {
            title: "a saddle, f = xy + y² − x − 3y",
            x: (-2.0, 4.0),
            y: (-1.0, 3.0),
            f: saddle,
            bands: spread_around_saddle,
            grad: saddle_gradient,
            hess: saddle_hessian,
            start: [-1.0, 2.5],
            start_label: "start (−1, 2.5)",
            eta: 0.1,
            stationary: (1.0, 1.0),
            stationary_label: "saddle point (1, 1)",
            legend: Corner::LowerRight,
        },
    ];
    let charts: Vec<Chart> = landscapes.iter().map(|l| panel(imp, l)).collect();
    vec![figure(
        "paths",
        "Newton's method: a linear solve per step, against gradient descent",
        "On the valley Newton's quadratic model follows the curved floor to the minimum in \
         about ten steps, where gradient descent is still short of it after 300; on the \
         saddle, a quadratic, one Newton step lands exactly on the stationary point — Newton \
         solves ∇f = 0 whatever the kind of point, and H has a 0 where the first pivot goes \
         — while gradient descent slides off downhill. Your dashed path should trace the \
         reference's.",
        seed,
        2,
        &charts,
    )]
}
