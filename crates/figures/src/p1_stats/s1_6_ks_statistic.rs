//! 1.6 — the Kolmogorov–Smirnov statistic.

use mathlings_bindings::p1_stats::s1_6_ks_statistic::Impl;
use mathlings_plot::{Axis, Chart, Corner, Figure, Mark, OTHERS, Series, figure};

use crate::{curve, linspace, rng, yours};

fn phi(x: f64) -> f64 {
    mathlings_stats::normal_cdf(x, 0.0, 1.0).unwrap_or(f64::NAN)
}

/// The ECDF of 15 normal draws against Φ, with the largest gap marked: the reference's D
/// and yours, drawn as vertical bars from Φ at the point of the largest gap.
pub fn figures(imp: &Impl, seed: u64) -> Vec<Figure> {
    // Unsorted, as drawn: sorting is the function's job.
    let sample = mathlings_stats::sample_normal(0.3, 1.0, 15, &mut rng(seed)).unwrap_or_default();
    let mut sorted = sample.clone();
    sorted.sort_by(f64::total_cmp);
    let n = sample.len() as f64;
    // The ECDF as a step line, and where its gap to Φ is largest (either side of a step).
    let mut ecdf = vec![(-3.5, 0.0)];
    let mut widest = (0.0, 0.0, 0.0);
    for (i, &x) in sorted.iter().enumerate() {
        let (below, above) = (i as f64 / n, (i + 1) as f64 / n);
        ecdf.extend([(x, below), (x, above)]);
        for level in [below, above] {
            if (level - phi(x)).abs() > widest.0 {
                widest = ((level - phi(x)).abs(), x, level);
            }
        }
    }
    ecdf.push((3.5, 1.0));
    let (d, at, level) = widest;
    let direction = (level - phi(at)).signum();
    let gap = |dist: f64, shift: f64| {
        vec![
            (at + shift, phi(at)),
            (at + shift, phi(at) + direction * dist),
        ]
    };
    let reference = mathlings_stats::ks_statistic(&sample, phi).unwrap_or(d);
    let learner = yours(|| (imp.ks_statistic)(&sample, phi)).map(|dist| gap(dist, 0.06));
    let chart = Chart::new(
        format!(
            "15 draws from N(0.3, 1) against N(0, 1): D = {}",
            mathlings_plot::tick(reference)
        ),
        Axis::linear("x (units of the data)", -3.5, 3.5),
        Axis::linear("cumulative probability", 0.0, 1.05),
    )
    .legend_at(Corner::UpperLeft)
    .with(Series::new("ECDF Fₙ", OTHERS[4], Mark::Line(2), ecdf))
    .with(Series::new(
        "CDF Φ",
        OTHERS[0],
        Mark::Line(2),
        curve(&linspace(-3.5, 3.5, 141), |x| Ok::<f64, ()>(phi(x))).unwrap_or_default(),
    ))
    .with(Series::reference(Mark::Segments(5), gap(reference, -0.06)))
    .with(Series::yours("", Mark::Segments(5), learner));
    vec![figure(
        "ecdf",
        "The Kolmogorov–Smirnov distance",
        "D is the largest vertical gap between the step function and the curve, checked on \
         both sides of every step: your bar should be as long as the reference's.",
        seed,
        1,
        &[chart],
    )]
}
