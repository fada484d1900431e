//! 1.10 — simple linear regression on Anscombe's quartet.

use mathlings_bindings::p1_stats::s1_10_simple_regression::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, OTHERS, Series, figure};

use crate::yours;

/// Anscombe's four data sets: the same least-squares line through very different data,
/// with the reference's residuals; your line over the reference's.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let quartet = mathlings_models::datasets::anscombe();
    let (left, right) = (2.0, 20.0);
    let line = |b0: f64, b1: f64| vec![(left, b0 + b1 * left), (right, b0 + b1 * right)];
    let panels: Vec<Chart> = quartet
        .sets
        .iter()
        .enumerate()
        .map(|(i, (x, y))| {
            let fit = mathlings_models::simple_linear_regression(x, y).ok();
            let (b0, b1) = fit.map_or((f64::NAN, f64::NAN), |f| (f.intercept, f.slope));
            let residuals: Vec<(f64, f64)> = x
                .iter()
                .zip(y)
                .flat_map(|(&xi, &yi)| [(xi, yi), (xi, b0 + b1 * xi)])
                .collect();
            let learner =
                yours(|| (imp.simple_linear_regression)(x, y)).map(|(c0, c1, _)| line(c0, c1));
            Chart::new(
                format!("set {}", ["I", "II", "III", "IV"][i]),
                Axis::linear("x (units of the data)", left, right),
                Axis::linear("y (units of the data)", 2.0, 14.0),
            )
            .legend_at(Corner::LowerRight)
            .with(Series::new(
                "residuals",
                OTHERS[3],
                Mark::Segments(1),
                residuals,
            ))
            .with(Series::new(
                "data",
                OTHERS[4],
                Mark::Dots(4),
                x.iter().copied().zip(y.iter().copied()).collect(),
            ))
            .with(Series::reference(Mark::Line(4), line(b0, b1)))
            .with(Series::yours("", Mark::Dashed(2), learner))
        })
        .collect();
    vec![figure(
        "anscombe",
        "Anscombe's quartet: one least-squares line, four different data sets",
        "The four fits are the same line (β₀ ≈ 3, β₁ ≈ 0.5): only the residuals tell a \
         curve, an outlier and a lever apart — your lines should lie on the reference's.",
        seed,
        2,
        &panels,
    )]
}
