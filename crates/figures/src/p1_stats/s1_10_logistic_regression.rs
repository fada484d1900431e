//! 1.10 — the sigmoid and logistic regression by Newton's method.

use mathlings_bindings::p1_stats::s1_10_logistic_regression::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, OTHERS, Series, figure};
use nalgebra::DMatrix;

use crate::{curve, linspace, yours};

/// The sigmoid, and the fitted probability that an Iris flower with a given petal length
/// is a virginica rather than a versicolor (the points at 0 and 1 are the flowers).
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let zs = linspace(-8.0, 8.0, 161);
    let sigmoid = Chart::new(
        "σ(z) = 1 / (1 + e⁻ᶻ)",
        Axis::linear("log-odds z (nats)", -8.0, 8.0),
        Axis::linear("probability σ(z)", 0.0, 1.05),
    )
    .legend_at(Corner::UpperLeft)
    .with(Series::reference(
        Mark::Line(4),
        curve(&zs, |z| Ok::<f64, ()>(mathlings_models::sigmoid(z))).unwrap_or_default(),
    ))
    .with(Series::yours(
        "",
        Mark::Dashed(2),
        curve(&zs, |z| Ok::<f64, ()>((imp.sigmoid)(z))),
    ));

    let iris = mathlings_models::datasets::iris();
    let rows: Vec<usize> = (0..iris.species.len())
        .filter(|&r| iris.species[r] > 0)
        .collect();
    let x = DMatrix::from_fn(rows.len(), 1, |i, _| iris.features[(rows[i], 2)]);
    let y: Vec<bool> = rows.iter().map(|&r| iris.species[r] == 2).collect();
    let lengths = linspace(2.5, 7.5, 101);
    let probability = |b0: f64, b1: f64| {
        curve(&lengths, |l| {
            Ok::<f64, ()>(mathlings_models::sigmoid(b0 + b1 * l))
        })
    };
    let reference = mathlings_models::LogisticRegression::default()
        .fit(&x, &y)
        .ok()
        .and_then(|f| probability(f.intercept, f.coefficients[0]).ok())
        .unwrap_or_default();
    let learner = yours(|| (imp.logistic_regression)(&x, &y, 100))
        .and_then(|beta| probability(beta[0], beta[1]));
    let flowers = |class: bool| -> Vec<(f64, f64)> {
        (0..rows.len())
            .filter(|&i| y[i] == class)
            .map(|i| (x[(i, 0)], if class { 1.0 } else { 0.0 }))
            .collect()
    };
    let fit = Chart::new(
        "Iris: virginica (1) or versicolor (0)?",
        Axis::linear("petal length (cm)", 2.5, 7.5),
        Axis::linear("P(virginica | petal length)", -0.05, 1.1),
    )
    .legend_at(Corner::UpperLeft)
    .with(Series::new(
        "versicolor",
        OTHERS[0],
        Mark::Rings(4),
        flowers(false),
    ))
    .with(Series::new(
        "virginica",
        OTHERS[2],
        Mark::Rings(4),
        flowers(true),
    ))
    .with(Series::reference(Mark::Line(4), reference))
    .with(Series::yours("", Mark::Dashed(2), learner));
    vec![figure(
        "sigmoid-fit",
        "Logistic regression: a sigmoid of a linear score",
        "The fitted curve crosses 0.5 where the two species overlap (petal length ≈ 4.9 cm); \
         your sigmoid and your fitted curve should trace the reference's.",
        seed,
        2,
        &[sigmoid, fit],
    )]
}
