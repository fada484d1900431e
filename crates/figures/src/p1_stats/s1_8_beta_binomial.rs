//! 1.8 — the Beta–Binomial update: prior, likelihood and posterior.

use mathlings_bindings::p1_stats::s1_8_beta_binomial::Impl;
use mathlings_plot::{Axis, Chart, Figure, Mark, OTHERS, REFERENCE, Series, figure};

use crate::{curve, linspace, unzip, vline, yours};

/// The Beta(α, β) density at θ.
fn beta_pdf(theta: f64, a: f64, b: f64) -> f64 {
    use mathlings_stats::ln_gamma;
    let ln_b = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    ((a - 1.0) * theta.ln() + (b - 1.0) * (1.0 - theta).ln() - ln_b).exp()
}

/// A Beta(2, 2) prior, 7 successes and 3 failures: the three curves, your posterior over
/// the reference's, and both 90 % credible intervals along the bottom.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    let (a, b, s, f, level) = (2.0, 2.0, 7, 3, 0.9);
    let thetas = linspace(0.001, 0.999, 200);
    let density = |a: f64, b: f64| curve(&thetas, |t| Ok::<f64, ()>(beta_pdf(t, a, b)));
    let post = mathlings_stats::beta_binomial_update(a, b, s, f).ok();
    let (pa, pb) = post
        .as_ref()
        .map_or((f64::NAN, f64::NAN), |p| (p.alpha, p.beta));
    let interval = |(lo, hi): (f64, f64), y: f64| vec![(lo, y), (hi, y)];
    let reference_ci = post
        .as_ref()
        .and_then(|p| p.credible_interval(level).ok())
        .map_or_else(Vec::new, |ci| interval(ci, 0.15));
    let reference_mean = post
        .as_ref()
        .map_or_else(Vec::new, |p| vline(p.mean(), 0.0, 3.4));
    let learner = yours(|| (imp.beta_binomial_update)(a, b, s, f)).and_then(|(ya, yb)| {
        let ci = yours(|| (imp.credible_interval)(ya, yb, level))?;
        let mean = yours(|| (imp.posterior_mean)(ya, yb))?;
        Ok(((density(ya, yb)?, interval(ci, 0.3)), vline(mean, 0.0, 3.4)))
    });
    let (learner, learner_mean) = unzip(learner);
    let (learner_curve, learner_ci) = unzip(learner);
    let chart = Chart::new(
        format!("prior Beta({a}, {b}), then {s} successes and {f} failures"),
        Axis::linear("success probability θ", 0.0, 1.0),
        Axis::linear("density (per unit of θ)", 0.0, 3.6),
    )
    .with(Series::new(
        "prior",
        OTHERS[0],
        Mark::Line(2),
        density(a, b).unwrap_or_default(),
    ))
    .with(Series::new(
        "likelihood (scaled)",
        OTHERS[1],
        Mark::Line(2),
        density(s as f64 + 1.0, f as f64 + 1.0).unwrap_or_default(),
    ))
    .with(Series::reference(
        Mark::Line(4),
        density(pa, pb).unwrap_or_default(),
    ))
    .with(Series::new(
        "reference 90 % interval",
        REFERENCE,
        Mark::Segments(6),
        reference_ci,
    ))
    .with(Series::new(
        "reference posterior mean",
        REFERENCE,
        Mark::Segments(4),
        reference_mean,
    ))
    .with(Series::yours("", Mark::Dashed(2), learner_curve))
    .with(Series::yours(
        "posterior mean",
        Mark::Segments(2),
        learner_mean,
    ))
    .with(Series::yours(
        "90 % interval",
        Mark::Segments(6),
        learner_ci,
    ));
    vec![figure(
        "update",
        "Bayes with a Beta prior: prior × likelihood ∝ posterior",
        "The posterior sits between the prior and the likelihood, nearer the data; your \
         posterior, its mean (vertical line) and your 90 % interval (bar at the bottom) \
         should match the reference's.",
        seed,
        1,
        &[chart],
    )]
}
