//! Checks for 1.1 — the inverse-probability-weighted (Hájek) mean.

use mathlings_stats::StatsError;
use rand::Rng;

use super::tables;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_1_ipw_mean::Impl;

/// Agreement with the reference: a weighted mean of ≤ 30 values with weights ≤ 100 is
/// accurate to ~1e-13·max|y| even with plain summation; the absolute part scales with
/// max|y| because positive and negative values may cancel to a mean near 0.
fn tolerance(values: &[f64]) -> Tol {
    Tol { rel: 1e-10, abs: 1e-10 * tables::scale(values) }
}

/// Population size of the simulated survey.
const POPULATION: usize = 10_000;
/// How far the weighted estimate may be from the true population mean 50 ± noise. The
/// estimate's standard error in this design is about 0.8 (the random number of sampled
/// members of the rare group), so 4 is five standard errors; the unweighted sample mean is
/// about 24 too high.
const RECOVERY: f64 = 4.0;

fn call(values: &[f64], probabilities: &[f64]) -> String {
    format!("ipw_mean({}, {})", show::floats(values), show::floats(probabilities))
}

/// [`call`] of a generated sample.
fn call_of((values, probabilities): &(Vec<f64>, Vec<f64>)) -> String {
    call(values, probabilities)
}

/// An inclusion probability in (0, 1]: k/100 for k in 1..=100.
fn probability() -> impl Strategy<Value = f64> + Clone {
    (1u32..=100).prop_map(|k| f64::from(k) / 100.0)
}

/// Values with their inclusion probabilities, 1 to 30 of them.
fn weighted_sample() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    proptest::collection::vec((strategies::value(), probability()), 1..30)
        .prop_map(|pairs| pairs.into_iter().unzip())
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_1_ipw_mean",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("equals Σ(yᵢ/πᵢ) / Σ(1/πᵢ) computed by the reference crate")
                .check(|imp, ctx| {
                    ctx.forall(weighted_sample(), call_of, |(y, p)| {
                        let want = mathlings_stats::inverse_probability_weighted_mean(y, p)
                            .expect("reference");
                        expect::close(&(imp.ipw_mean)(y, p), want, tolerance(y))
                    })
                }),
            Property::named("recovers_population_mean", 3)
                .description("on a biased survey (a group of 5000 values ≈ 20 sampled with π = 0.1, a group of 5000 values ≈ 80 with π = 0.9) the estimate is within 4 of the population mean")
                .check(|imp, ctx| {
                    let mut rng = ctx.rng();
                    let population: Vec<(f64, f64)> = (0..POPULATION)
                        .map(|i| {
                            let (centre, pi): (f64, f64) =
                                if i % 2 == 0 { (20.0, 0.1) } else { (80.0, 0.9) };
                            (((centre + rng.random_range(-10.0..10.0)) * 100.0).round() / 100.0, pi)
                        })
                        .collect();
                    let mu = population.iter().map(|p| p.0).sum::<f64>() / POPULATION as f64;
                    let (values, probabilities): (Vec<f64>, Vec<f64>) =
                        population.into_iter().filter(|&(_, pi)| rng.random_bool(pi)).unzip();
                    let plain = values.iter().sum::<f64>() / values.len() as f64;
                    let what = format!(
                        "ipw_mean(&values, &probabilities) on a sample of {} of the {POPULATION} members \
                         (values[..4] = {}, probabilities[..4] = {}); the sample's plain mean is {}",
                        values.len(),
                        show::floats(&values[..4]),
                        show::floats(&probabilities[..4]),
                        show::rounded(plain, 4)
                    );
                    ctx.once(&what, || {
                        let got = (imp.ipw_mean)(&values, &probabilities);
                        let ok = matches!(got, Ok(v) if (v - mu).abs() <= RECOVERY);
                        let expected = format!("Ok(≈ {}, the population mean, ± {RECOVERY})", show::rounded(mu, 4));
                        expect::that(ok, show::float_result(&got), expected)
                    })
                }),
            Property::named("equal_probabilities_give_plain_mean", 1)
                .description("when every πᵢ is the same, the weighted mean is the plain mean")
                .check(|imp, ctx| {
                    let input = (strategies::sample(1..30), probability());
                    ctx.forall(input, |(y, p)| call(y, &vec![*p; y.len()]), |(y, p)| {
                        let want = mathlings_stats::mean(y).expect("reference mean");
                        expect::close(&(imp.ipw_mean)(y, &vec![*p; y.len()]), want, tolerance(y))
                    })
                }),
            Property::named("between_min_and_max", 1)
                .description("the estimate is a weighted average: it lies between the smallest and largest value")
                .check(|imp, ctx| {
                    ctx.forall(weighted_sample(), call_of, |(y, p)| {
                        expect::between_extremes(&(imp.ipw_mean)(y, p), y, tolerance(y).abs)
                    })
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty input, NaN/±∞, different lengths or a probability outside (0, 1] give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |y, p| call(y, p) => (imp.ipw_mean)(y, p);
                        (&[], &[]) => StatsError::EmptyInput,
                        (&[1.0, f64::NAN], &[0.5, 0.5]) => StatsError::NonFinite,
                        (&[1.0, f64::INFINITY], &[0.5, 0.5]) => StatsError::NonFinite,
                        (&[1.0, f64::NEG_INFINITY], &[0.5, 0.5]) => StatsError::NonFinite,
                        (&[1.0, 2.0, 3.0], &[0.5, 0.5]) => StatsError::LengthMismatch { left: 3, right: 2 },
                        (&[1.0, 2.0], &[0.5, 0.0]) => StatsError::InvalidParameter { name: "inclusion_probabilities", .. },
                        (&[1.0, 2.0], &[0.5, -0.5]) => StatsError::InvalidParameter { name: "inclusion_probabilities", .. },
                        (&[1.0, 2.0], &[0.5, 1.5]) => StatsError::InvalidParameter { name: "inclusion_probabilities", .. },
                    )
                }),
            Property::named("iris_stratified_sample", 1)
                .description("a stratified sample of Iris (every 5th setosa, every 2nd versicolor, all virginica) weighted back gives the snapshot's mean petal length")
                .check(|imp, ctx| {
                    let call = "ipw_mean(&petal_length, &probabilities) on Iris: every 5th setosa (π = 0.2), every 2nd versicolor (π = 0.5), all virginica (π = 1)";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let everyone: Vec<f64> = iris.features.column(2).iter().copied().collect();
                        // Every how many flowers are sampled, and π, for species 0, 1 and 2.
                        let plan = [(5, 0.2), (2, 0.5), (1, 1.0)];
                        let (values, probabilities): (Vec<f64>, Vec<f64>) = everyone
                            .iter()
                            .zip(&iris.species)
                            .enumerate()
                            .filter(|&(i, (_, &s))| i % plan[s].0 == 0)
                            .map(|(_, (&y, &s))| (y, plan[s].1))
                            .unzip();
                        let estimate = tables::value(&(imp.ipw_mean)(&values, &probabilities), 10);
                        let text = format!(
                            "population mean petal length (150 flowers) = {}\nplain mean of the {}-flower sample = {}\nipw_mean of the sample = {estimate}\n",
                            show::rounded(mathlings_stats::mean(&everyone).expect("mean"), 10),
                            values.len(),
                            show::rounded(mathlings_stats::mean(&values).expect("mean"), 10),
                        );
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("unweighted_mean")
                .explanation("Your answer is the plain mean of the sample, which ignores how it was drawn: \
                    members who were likely to be sampled are over-represented, so the mean is biased towards \
                    them. Weight each value by 1/πᵢ (the number of population members it stands for) and \
                    divide by the total weight Σ1/πᵢ.")
                .implementation(Impl {
                    ipw_mean: |values, probabilities| {
                        mathlings_stats::inverse_probability_weighted_mean(values, probabilities)?;
                        Ok(values.iter().sum::<f64>() / values.len() as f64)
                    },
                }),
            Misconception::named("multiplies_by_pi")
                .explanation("Your answer weights each value by πᵢ instead of 1/πᵢ, which makes the bias WORSE: \
                    it gives even more weight to the units that were already over-sampled. A unit sampled with \
                    probability πᵢ represents 1/πᵢ population members: μ̂ = Σ(yᵢ/πᵢ) / Σ(1/πᵢ).")
                .implementation(Impl {
                    ipw_mean: |values, probabilities| {
                        mathlings_stats::inverse_probability_weighted_mean(values, probabilities)?;
                        let weighted: f64 =
                            values.iter().zip(probabilities).map(|(y, p)| y * p).sum();
                        Ok(weighted / probabilities.iter().sum::<f64>())
                    },
                }),
            Misconception::named("divides_by_sample_size")
                .explanation("Your answer is Σ(yᵢ/πᵢ)/n. The weights 1/πᵢ add up to an estimate of the \
                    POPULATION size, not to the sample size n, so dividing by n inflates the result (by 1/π \
                    when all πᵢ are equal). Divide by the total weight Σ(1/πᵢ).")
                .implementation(Impl {
                    ipw_mean: |values, probabilities| {
                        mathlings_stats::inverse_probability_weighted_mean(values, probabilities)?;
                        let weighted: f64 =
                            values.iter().zip(probabilities).map(|(y, p)| y / p).sum();
                        Ok(weighted / values.len() as f64)
                    },
                }),
        ],
        probe: |imp| {
            vec![
                tables::value(&(imp.ipw_mean)(&[10.0, 0.0], &[0.5, 1.0]), 6),
                tables::value(&(imp.ipw_mean)(&[1.0, 2.0, 6.0], &[0.25, 0.5, 1.0]), 6),
            ]
        },
    }
}
