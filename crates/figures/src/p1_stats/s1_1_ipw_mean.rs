//! 1.1 — correcting a biased sample with inverse-probability weights.

use mathlings_bindings::p1_stats::s1_1_ipw_mean::Impl;
use mathlings_plot::{Axis, Chart, Figure, Mark, OTHERS, Series, figure};
use rand::Rng;

use crate::{histogram, rng, vline, yours};

/// A skewed population (exponential quantiles, mean ≈ 20), in which large values are
/// sampled up to ten times as often as small ones.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let n = 2000;
    let population: Vec<f64> = (0..n)
        .map(|i| -20.0 * (1.0 - (i as f64 + 0.5) / n as f64).ln())
        .collect();
    let top = population[n - 1];
    let pi = |y: f64| 0.03 + 0.3 * y / top;
    let mut rng = rng(seed);
    let (sample, probabilities): (Vec<f64>, Vec<f64>) = population
        .iter()
        .filter(|&&y| rng.random::<f64>() < pi(y))
        .map(|&y| (y, pi(y)))
        .unzip();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let reference = mathlings_stats::inverse_probability_weighted_mean(&sample, &probabilities)
        .unwrap_or(f64::NAN);
    let learner = yours(|| (imp.ipw_mean)(&sample, &probabilities));
    let (high, bins) = (100.0, 40);
    let pop = histogram(&population, 0.0, high, bins);
    let peak = pop.iter().map(|p| p.1).fold(0.0, f64::max) * 1.15;
    let chart = Chart::new(
        format!("{} sampled of {n}", sample.len()),
        Axis::linear("value y (units of the data)", 0.0, high),
        Axis::linear("density (per unit of y)", 0.0, peak),
    )
    .with(Series::new("population", OTHERS[4], Mark::Line(1), pop))
    .with(Series::new(
        "biased sample",
        OTHERS[1],
        Mark::Line(2),
        histogram(&sample, 0.0, high, bins),
    ))
    .with(Series::new(
        "mean of the population",
        OTHERS[4],
        Mark::Dashed(2),
        vline(mean(&population), 0.0, peak),
    ))
    .with(Series::new(
        "plain mean of the sample",
        OTHERS[1],
        Mark::Dashed(2),
        vline(mean(&sample), 0.0, peak),
    ))
    .with(Series::reference(
        Mark::Segments(5),
        vline(reference, 0.0, peak),
    ))
    .with(Series::yours(
        "",
        Mark::Segments(2),
        learner.map(|m| vline(m, 0.0, peak)),
    ));
    vec![figure(
        "means",
        "Inverse-probability weighting undoes a biased sample",
        "Large values were sampled more often, so the plain mean of the sample overshoots; \
         your weighted mean should sit on the reference's line, next to the population's.",
        seed,
        1,
        &[chart],
    )]
}
