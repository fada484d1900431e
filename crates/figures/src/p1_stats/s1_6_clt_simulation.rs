//! 1.6 — simulating the central limit theorem.

use mathlings_bindings::p1_stats::s1_6_clt_simulation::Impl;
use mathlings_plot::{Axis, Chart, Figure, Mark, OTHERS, Series, figure};

use crate::{curve, histogram, linspace, yours};

/// Histograms of standardised means of n = 1, 5 and 30 draws, against N(0, 1).
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let replicates = 4000;
    let (low, high, bins) = (-4.0, 4.0, 32);
    let xs = linspace(low, high, 161);
    let normal = curve(&xs, |x| mathlings_stats::normal_pdf(x, 0.0, 1.0)).unwrap_or_default();
    let panels: Vec<Chart> = [1, 5, 30]
        .into_iter()
        .map(|n| {
            let reference = mathlings_stats::clt_standardized_means(n, replicates, seed)
                .map(|z| histogram(&z, low, high, bins))
                .unwrap_or_default();
            let learner = yours(|| (imp.standardized_means)(n, replicates, seed))
                .map(|z| histogram(&z, low, high, bins));
            Chart::new(
                format!("means of n = {n}"),
                Axis::linear("standardised mean z (standard errors)", low, high),
                Axis::linear("density (per unit of z)", 0.0, 1.0),
            )
            .with(Series::new(
                "N(0, 1)",
                OTHERS[4],
                Mark::Line(1),
                normal.clone(),
            ))
            .with(Series::reference(Mark::Line(4), reference))
            .with(Series::yours("", Mark::Dashed(2), learner))
        })
        .collect();
    vec![figure(
        "histograms",
        "The central limit theorem: standardised means of n draws",
        "A single skewed draw (n = 1) is far from normal; by n = 30 the histogram of \
         standardised means hugs the N(0, 1) curve — yours should trace the reference's.",
        seed,
        3,
        &panels,
    )]
}
