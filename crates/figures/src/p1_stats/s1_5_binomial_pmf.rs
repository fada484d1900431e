//! 1.5 — the binomial pmf, computed in log space.

use mathlings_bindings::p1_stats::s1_5_binomial_pmf::Impl;
use mathlings_plot::{Axis, Chart, Figure, Mark, Series, figure};

use crate::yours;

/// Bars of P(X = k): yours beside the reference, for a small n and for one past 170,
/// where factorials overflow an f64.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let panel = |n: u64, p: f64, ks: std::ops::RangeInclusive<u64>| {
        let (low, high) = (*ks.start() as f64 - 1.0, *ks.end() as f64 + 1.0);
        let reference: Vec<(f64, f64)> = ks
            .clone()
            .map(|k| {
                (
                    k as f64 - 0.2,
                    mathlings_stats::binomial_pmf(k, n, p).unwrap_or(f64::NAN),
                )
            })
            .collect();
        let top = reference.iter().map(|r| r.1).fold(0.0, f64::max) * 1.25;
        let learner = yours(|| {
            ks.clone()
                .map(|k| (imp.binomial_pmf)(k, n, p).map(|v| (k as f64 + 0.2, v)))
                .collect::<Result<Vec<_>, _>>()
        });
        Chart::new(
            format!("Binomial(n = {n}, p = {p})"),
            Axis::linear("successes k", low, high),
            Axis::linear("probability P(X = k)", 0.0, top),
        )
        .with(Series::reference(Mark::Bars(0.4), reference))
        .with(Series::yours("", Mark::Bars(0.4), learner))
    };
    vec![figure(
        "pmf",
        "The binomial pmf",
        "Each of your bars should be as tall as the reference bar beside it — also for \
         n = 400, where n! overflows an f64 and only the log-space computation survives.",
        seed,
        2,
        &[panel(20, 0.3, 0..=14), panel(400, 0.5, 175..=225)],
    )]
}
