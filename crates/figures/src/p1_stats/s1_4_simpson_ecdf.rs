//! 1.4 — Simpson's rule (its error against the number of strips) and the empirical cdf.

use std::f64::consts::PI;

use mathlings_bindings::p1_stats::s1_4_simpson_ecdf::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, OTHERS, Series, figure};

use crate::yours;

/// Numbers of strips, even, about three per octave.
const INTERVALS: [usize; 14] = [2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256];
/// Errors are floored here so that an exact answer still shows on the log axis.
const FLOOR: f64 = 1e-12;
/// The chart's x range around the petal lengths (1.0–6.9 cm).
const LENGTHS: (f64, f64) = (0.5, 7.5);

fn sin(x: f64) -> f64 {
    x.sin()
}

/// The trapezoid rule with n strips, for comparison: straight lines instead of parabolas.
fn trapezoid(f: fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
    let h = (b - a) / n as f64;
    let inner: f64 = (1..n).map(|i| f(a + i as f64 * h)).sum();
    h * ((f(a) + f(b)) / 2.0 + inner)
}

/// Left: the error of Simpson's rule on ∫₀^π sin x dx = 2 against the number of strips, the
/// reference's and yours, with the trapezoid rule's for comparison (log–log: slopes −4 and
/// −2). Right: the empirical cdf of Iris's 150 petal lengths, the reference's step function
/// and your Fₙ at each distinct length (where ties make the steps tall).
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let error = |area: f64| (area - 2.0).abs().max(FLOOR);
    let reference: Vec<(f64, f64)> = INTERVALS
        .iter()
        .filter_map(|&n| {
            let area = mathlings_stats::simpson(sin, 0.0, PI, n).ok()?;
            Some((n as f64, error(area)))
        })
        .collect();
    let trapezoids: Vec<(f64, f64)> = INTERVALS
        .iter()
        .map(|&n| (n as f64, error(trapezoid(sin, 0.0, PI, n))))
        .collect();
    let learner = yours(|| {
        INTERVALS
            .iter()
            .map(|&n| (imp.simpson)(sin, 0.0, PI, n).map(|area| (n as f64, error(area))))
            .collect::<Result<Vec<_>, _>>()
    });
    let simpson = Chart::new(
        "∫ sin x dx over [0, π] = 2, with n strips",
        Axis::log("strips n (even)", 1.5, 340.0),
        Axis::log("absolute error |estimate − 2|", FLOOR, 10.0),
    )
    .legend_at(Corner::LowerLeft)
    .with(Series::new(
        "trapezoid rule (error ∝ h²)",
        OTHERS[0],
        Mark::Line(2),
        trapezoids,
    ))
    .with(Series::new(
        "reference Simpson (error ∝ h⁴)",
        mathlings_plot::REFERENCE,
        Mark::Line(4),
        reference,
    ))
    .with(Series::yours("simpson", Mark::Rings(5), learner));

    let iris = mathlings_models::datasets::iris();
    let lengths: Vec<f64> = iris.features.column(2).iter().copied().collect();
    let mut distinct = lengths.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    // The reference's step function: at each distinct value it jumps from the level before
    // to Fₙ there (ties make one tall step).
    let mut steps = vec![(LENGTHS.0, 0.0)];
    let mut level = 0.0;
    for &v in &distinct {
        let next = mathlings_stats::empirical_cdf(&lengths, v).unwrap_or(f64::NAN);
        steps.extend([(v, level), (v, next)]);
        level = next;
    }
    steps.push((LENGTHS.1, level));
    let learner_ecdf = yours(|| {
        distinct
            .iter()
            .map(|&v| (imp.empirical_cdf)(&lengths, v).map(|p| (v, p)))
            .collect::<Result<Vec<_>, _>>()
    });
    let ecdf = Chart::new(
        "Fₙ of the 150 Iris petal lengths",
        Axis::linear("petal length x (cm)", LENGTHS.0, LENGTHS.1),
        Axis::linear("Fₙ(x), the fraction of lengths ≤ x", 0.0, 1.05),
    )
    .legend_at(Corner::UpperLeft)
    .with(Series::reference(Mark::Line(4), steps))
    .with(Series::yours(
        "Fₙ at each distinct length",
        Mark::Rings(3),
        learner_ecdf,
    ));
    vec![figure(
        "simpson-ecdf",
        "Simpson's rule and the empirical cdf",
        "Left: doubling the strips divides Simpson's error by 16 (slope −4 on log–log axes) \
         against the trapezoid rule's 4 (slope −2) — your rings should sit on the reference's \
         line. Right: Fₙ jumps by k/n at a length k flowers share and takes the upper value \
         there (≤ counts the ties); it stays flat from 1.9 to 3 cm, the gap between setosa \
         and the other two species — your rings should sit at the top of every step.",
        seed,
        2,
        &[simpson, ecdf],
    )]
}
