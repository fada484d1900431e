//! 1.5 — the normal pdf and cdf (with the learner's own erf) against the reference.

use mathlings_bindings::p1_stats::s1_5_normal_distribution::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, Series, figure};

use crate::{curve, linspace};

/// A non-standard normal, so that σ used as a variance or a missing √2 shows.
const MU: f64 = 1.0;
const SIGMA: f64 = 1.5;

/// The pdf and the cdf of N(1, 1.5²), yours over the reference.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let xs = linspace(MU - 4.0 * SIGMA, MU + 4.0 * SIGMA, 121);
    let x_axis = || Axis::linear("x (units of the data)", xs[0], xs[xs.len() - 1]);
    let panel = |title: &str,
                 y: Axis,
                 legend: Corner,
                 reference: fn(f64, f64, f64) -> _,
                 yours: fn(f64, f64, f64) -> _| {
        Chart::new(title, x_axis(), y)
            .legend_at(legend)
            .with(Series::reference(
                Mark::Line(4),
                curve(&xs, |x| reference(x, MU, SIGMA)).unwrap_or_default(),
            ))
            .with(Series::yours(
                "",
                Mark::Dashed(2),
                curve(&xs, |x| yours(x, MU, SIGMA)),
            ))
    };
    vec![figure(
        "pdf-cdf",
        "The normal distribution N(μ = 1, σ = 1.5)",
        "Your curves should lie on the reference's: a peak of 1/(σ√(2π)) ≈ 0.266 at x = μ, and \
         a cdf crossing 0.5 there and reaching 0.84 one σ to the right.",
        seed,
        2,
        &[
            panel(
                "density φ(x; μ, σ)",
                Axis::linear("density (per unit of x)", 0.0, 0.3),
                Corner::UpperLeft,
                mathlings_stats::normal_pdf,
                imp.normal_pdf,
            ),
            panel(
                "cumulative Φ(x; μ, σ)",
                Axis::linear("probability P(X ≤ x)", 0.0, 1.05),
                Corner::LowerRight,
                mathlings_stats::normal_cdf,
                imp.normal_cdf,
            ),
        ],
    )]
}
