//! 4.3 — logistic regression on Iris: the decision boundary.

use mathlings_bindings::p4_models::s4_3_logistic_iris::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Grid, Mark, OTHERS, Series, Shading, figure};
use nalgebra::{DMatrix, DVector};

use crate::{linspace, yours};

const X: (f64, f64) = (2.8, 7.2);
const Y: (f64, f64) = (0.8, 2.7);
const CELLS: usize = 60;

/// Versicolor against virginica on petal length and width: the reference's probability of
/// virginica behind the flowers, its 0.5 boundary, and where your `predict_proba` crosses
/// 0.5 (one learner call on the whole grid).
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let iris = mathlings_models::datasets::iris();
    let rows: Vec<usize> = (0..iris.species.len())
        .filter(|&r| iris.species[r] > 0)
        .collect();
    let x = DMatrix::from_fn(rows.len(), 2, |i, j| iris.features[(rows[i], 2 + j)]);
    let y: Vec<bool> = rows.iter().map(|&r| iris.species[r] == 2).collect();
    let fit = mathlings_models::LogisticRegression::default()
        .fit(&x, &y)
        .ok();
    let beta = fit.as_ref().map_or_else(
        || DVector::from_element(3, f64::NAN),
        |f| DVector::from_vec(vec![f.intercept, f.coefficients[0], f.coefficients[1]]),
    );
    let probability =
        |l: f64, w: f64| mathlings_models::sigmoid(beta[0] + beta[1] * l + beta[2] * w);
    let background = Grid::sample(X, Y, CELLS, CELLS, Shading::Diverging, probability);
    // Only the part inside the chart: plotters moves a point outside onto the edge.
    let boundary: Vec<(f64, f64)> = linspace(X.0, X.1, 200)
        .into_iter()
        .map(|l| (l, -(beta[0] + beta[1] * l) / beta[2]))
        .filter(|&(_, w)| (Y.0..=Y.1).contains(&w))
        .collect();
    // Your probabilities at the cell centres, column by column; in each column, the height
    // where they cross 0.5.
    let centre = |i: usize, (lo, hi): (f64, f64)| lo + (i as f64 + 0.5) * (hi - lo) / CELLS as f64;
    let grid = DMatrix::from_fn(CELLS * CELLS, 2, |k, j| {
        if j == 0 {
            centre(k / CELLS, X)
        } else {
            centre(k % CELLS, Y)
        }
    });
    let crossing = yours(|| (imp.predict_proba)(&beta, &grid)).map(|p| {
        (0..CELLS)
            .filter_map(|c| {
                let column = &p.as_slice()[c * CELLS..(c + 1) * CELLS];
                column
                    .windows(2)
                    .position(|w| (w[0] - 0.5) * (w[1] - 0.5) <= 0.0)
                    .map(|r| {
                        (
                            centre(c, X),
                            centre(r, Y) + 0.5 * (Y.1 - Y.0) / CELLS as f64,
                        )
                    })
            })
            .collect()
    });
    let flowers = |class: bool| -> Vec<(f64, f64)> {
        (0..rows.len())
            .filter(|&i| y[i] == class)
            .map(|i| (x[(i, 0)], x[(i, 1)]))
            .collect()
    };
    let chart = Chart::new(
        "P(virginica) from petal length and width",
        Axis::linear("petal length (cm)", X.0, X.1),
        Axis::linear("petal width (cm)", Y.0, Y.1),
    )
    .legend_at(Corner::UpperLeft)
    .behind(background)
    .with(Series::new(
        "versicolor",
        OTHERS[0],
        Mark::Dots(4),
        flowers(false),
    ))
    .with(Series::new(
        "virginica",
        OTHERS[2],
        Mark::Dots(4),
        flowers(true),
    ))
    .with(Series::reference(Mark::Line(4), boundary))
    .with(Series::yours("P = 0.5", Mark::Dashed(2), crossing));
    vec![figure(
        "boundary",
        "Logistic regression on Iris: where P(virginica) = 1/2",
        "The boundary is a straight line, β₀ + β₁·length + β₂·width = 0, with blue (versicolor \
         likely) on one side and orange (virginica likely) on the other; your 0.5 crossing \
         should follow it.",
        seed,
        1,
        &[chart],
    )]
}
