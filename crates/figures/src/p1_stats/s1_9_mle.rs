//! 1.9 — maximum-likelihood estimates.

use mathlings_bindings::p1_stats::s1_9_mle::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, OTHERS, Series, figure};

use crate::{curve, linspace, rng, vline, yours};

/// The log-likelihood of σ (at μ = x̄) for 8 normal draws and of λ for 12 Poisson counts,
/// with the reference's estimate and yours marked: the maximum is where the estimate is.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let x = mathlings_stats::sample_normal(5.0, 2.0, 8, &mut rng(seed)).unwrap_or_default();
    let fit = mathlings_stats::normal_mle(&x).ok();
    let (mu, sigma) = fit.map_or((f64::NAN, f64::NAN), |f| (f.mu, f.sigma));
    let sigmas = linspace(0.5, 6.0, 160);
    let ll = curve(&sigmas, |s| {
        mathlings_stats::normal_log_likelihood(&x, mu, s)
    })
    .unwrap_or_default();
    let y = Axis::fit("log-likelihood ℓ(σ) (nats)", ll.iter().map(|p| p.1));
    let (low, high) = y.range;
    let normal = Chart::new(
        "8 draws from N(5, 2²): log-likelihood of σ at μ = x̄",
        Axis::linear("σ (units of the data)", 0.5, 6.0),
        y,
    )
    .legend_at(Corner::LowerRight)
    .with(Series::new("ℓ(σ)", OTHERS[4], Mark::Line(2), ll))
    .with(Series::reference(
        Mark::Segments(5),
        vline(sigma, low, high),
    ))
    .with(Series::yours(
        "σ̂",
        Mark::Segments(2),
        yours(|| (imp.normal_mle)(&x)).map(|(_, s)| vline(s, low, high)),
    ));
    let counts: Vec<u64> = vec![2, 4, 3, 0, 5, 3, 2, 6, 1, 3, 4, 2];
    let lambdas = linspace(0.5, 7.0, 160);
    let pll = curve(&lambdas, |l| {
        mathlings_stats::poisson_log_likelihood(&counts, l)
    })
    .unwrap_or_default();
    let py = Axis::fit("log-likelihood ℓ(λ) (nats)", pll.iter().map(|p| p.1));
    let (plow, phigh) = py.range;
    let lambda = mathlings_stats::poisson_mle(&counts).unwrap_or(f64::NAN);
    let poisson = Chart::new(
        "12 Poisson counts: log-likelihood of λ",
        Axis::linear("rate λ (events per interval)", 0.5, 7.0),
        py,
    )
    .legend_at(Corner::LowerRight)
    .with(Series::new("ℓ(λ)", OTHERS[4], Mark::Line(2), pll))
    .with(Series::reference(
        Mark::Segments(5),
        vline(lambda, plow, phigh),
    ))
    .with(Series::yours(
        "λ̂",
        Mark::Segments(2),
        yours(|| (imp.poisson_mle)(&counts)).map(|l| vline(l, plow, phigh)),
    ));
    vec![figure(
        "log-likelihood",
        "Maximum likelihood: the estimate is where the log-likelihood peaks",
        "Each curve peaks at the maximum-likelihood estimate; your estimate's line should \
         cross the peak, as the reference's does (σ̂ divides by n, not n − 1).",
        seed,
        2,
        &[normal, poisson],
    )]
}
