//! Checks for 1.8 — the discrete posterior (Bayes' theorem).

use mathlings_stats::StatsError;

use super::common::normalised;
use super::tables::rounded;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_8_discrete_posterior::{Impl, Posterior};

/// A product and a quotient by a sum of ≤ 6 positive products: a few ulps of relative error
/// (≤ 1e-15), even after two updates in a row; 1e-12 leaves a wide margin and still rejects
/// a missing or wrong normalisation (off by ≥ 1e-2 on these inputs).
const AGREE: Tol = Tol { rel: 1e-12, abs: 1e-12 };

fn call(prior: &[f64], likelihood: &[f64]) -> String {
    format!("posterior({}, {})", show::floats(prior), show::floats(likelihood))
}

/// A prior over k hypotheses: integer weights 0..9 (some zero) divided by their total.
fn prior(k: usize) -> impl Strategy<Value = Vec<f64>> + Clone {
    proptest::collection::vec(prop_oneof![1 => Just(0u32), 4 => 1..10u32], k)
        .prop_filter("some mass", |w| w.iter().any(|&v| v > 0))
        .prop_map(|w| normalised(&w))
}

/// A likelihood ≥ 0: tenths (shrinking towards 0) or any value in [0, 3] (densities may exceed 1).
fn likelihood(k: usize) -> impl Strategy<Value = Vec<f64>> + Clone {
    proptest::collection::vec(
        prop_oneof![(0..=10u32).prop_map(|v| f64::from(v) / 10.0), 0.0..3.0f64],
        k,
    )
}

/// A prior and a likelihood with positive evidence.
fn prior_and_likelihood() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> + Clone {
    (1..=6usize)
        .prop_flat_map(|k| (prior(k), likelihood(k)))
        .prop_filter("positive evidence", |(p, l)| p.iter().zip(l).any(|(a, b)| a * b > 0.0))
}

fn reference(prior: &[f64], likelihood: &[f64]) -> Vec<f64> {
    mathlings_stats::discrete_posterior(prior, likelihood).expect("reference posterior")
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_8_discrete_posterior",
        properties: vec![
            Property::named("matches_reference", 3)
                .description("P(Hᵢ | D) = P(D | Hᵢ)·P(Hᵢ) / Σⱼ P(D | Hⱼ)·P(Hⱼ), as in the reference crate (to 1e-12)")
                .check(|imp, ctx| {
                    ctx.forall(
                        prior_and_likelihood(),
                        |(p, l)| call(p, l),
                        |(p, l)| expect::all_close(&(imp.posterior)(p, l), &reference(p, l), AGREE),
                    )
                }),
            Property::named("sums_to_one", 1)
                .description("the posterior is a distribution: entries ≥ 0 summing to 1")
                .check(|imp, ctx| {
                    ctx.forall(
                        prior_and_likelihood(),
                        |(p, l)| call(p, l),
                        |(p, l)| {
                            let got = (imp.posterior)(p, l);
                            let total = got.as_ref().map(|v| v.iter().sum::<f64>());
                            expect::that(
                                matches!(&got, Ok(v) if v.iter().all(|&x| x >= 0.0))
                                    && matches!(total, Ok(t) if (t - 1.0).abs() <= 1e-12),
                                format!(
                                    "{} (sum {})",
                                    show::result(&got),
                                    show::float_result(&total)
                                ),
                                "Ok(entries ≥ 0 summing to 1 ± 1e-12)",
                            )
                        },
                    )
                }),
            Property::named("uniform_prior_normalises_likelihood", 2)
                .description("with a uniform prior the posterior is the likelihood divided by its sum")
                .check(|imp, ctx| {
                    let input = (1..=6usize)
                        .prop_flat_map(likelihood)
                        .prop_filter("positive evidence", |l| l.iter().any(|&v| v > 0.0));
                    ctx.forall(
                        input,
                        |l| call(&vec![1.0 / l.len() as f64; l.len()], l),
                        |l| {
                            let uniform = vec![1.0 / l.len() as f64; l.len()];
                            let total: f64 = l.iter().sum();
                            let want: Vec<f64> = l.iter().map(|v| v / total).collect();
                            expect::all_close(&(imp.posterior)(&uniform, l), &want, AGREE)
                        },
                    )
                }),
            Property::named("sequential_equals_batch", 2)
                .description("updating on D₁ then on D₂ (yesterday's posterior is today's prior) equals one update with the likelihood P(D₁ | H)·P(D₂ | H)")
                .check(|imp, ctx| {
                    let input = (1..=6usize).prop_flat_map(|k| {
                        let positive = proptest::collection::vec(
                            prop_oneof![
                                (1..=10u32).prop_map(|v| f64::from(v) / 10.0),
                                0.01..3.0f64
                            ],
                            k,
                        );
                        (prior(k), positive.clone(), positive)
                    });
                    ctx.forall(
                        input,
                        |(p, l1, l2)| {
                            format!(
                                "posterior(&posterior({}, {})?, {}) vs {}",
                                show::floats(p),
                                show::floats(l1),
                                show::floats(l2),
                                call(p, &product(l1, l2))
                            )
                        },
                        |(p, l1, l2)| {
                            let batch = (imp.posterior)(p, &product(l1, l2));
                            let batch = expect::ok(batch, "the batch posterior")?;
                            let first = (imp.posterior)(p, l1);
                            let first = expect::ok(first, "the posterior after D₁")?;
                            expect::all_close(&(imp.posterior)(&first, l2), &batch, AGREE)
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty or mismatched slices, NaN/±∞, a prior that is not a distribution, a negative likelihood or zero evidence give the typed error, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |p, l| call(p, l) => (imp.posterior)(p, l);
                        (&[], &[]) => StatsError::EmptyInput,
                        (&[], &[1.0]) => StatsError::EmptyInput,
                        (&[1.0], &[]) => StatsError::EmptyInput,
                        (&[0.5, 0.5], &[f64::NAN, 1.0]) => StatsError::NonFinite,
                        (&[0.5, 0.5], &[f64::INFINITY, 1.0]) => StatsError::NonFinite,
                        (&[0.5, 0.5], &[1.0]) => StatsError::LengthMismatch { left: 2, right: 1 },
                        (&[0.5, 0.6], &[1.0, 1.0]) => StatsError::InvalidProbabilities,
                        (&[1.5, -0.5], &[1.0, 1.0]) => StatsError::InvalidProbabilities,
                        (&[0.5, 0.5], &[1.0, -0.5]) => StatsError::InvalidProbabilities,
                        (&[1.0, 0.0], &[0.0, 0.7]) => StatsError::ZeroProbabilityEvent,
                    )
                }),
            Property::named("iris_snapshot", 1)
                .description("on Iris, the species of a flower with petal length in (4.5, 5.0] cm, under a uniform and a 20/20/60 prior, matches the stored snapshot")
                .check(|imp, ctx| {
                    let call = "posterior(&prior, &likelihood), likelihood[s] = share of species s with \
                        petal length in (4.5, 5.0] cm on Iris, prior = [1/3, 1/3, 1/3] and [0.2, 0.2, 0.6]";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let (mut hits, mut sizes) = ([0.0; 3], [0.0; 3]);
                        for (i, &s) in iris.species.iter().enumerate() {
                            let length = iris.features[(i, 2)];
                            sizes[s] += 1.0;
                            if length > 4.5 && length <= 5.0 {
                                hits[s] += 1.0;
                            }
                        }
                        let likelihood: Vec<f64> =
                            hits.iter().zip(&sizes).map(|(h, n)| h / n).collect();
                        let mut text = format!("likelihood = {}\n", rounded(&likelihood));
                        for prior in [vec![1.0 / 3.0; 3], vec![0.2, 0.2, 0.6]] {
                            let posterior = (imp.posterior)(&prior, &likelihood);
                            let line = show::ok_or_err(&posterior, |v| rounded(v));
                            text += &format!("prior {} → posterior {line}\n", rounded(&prior));
                        }
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("no_evidence")
                .explanation("Your posterior is prior × likelihood without dividing by the evidence: \
                    those products are the joint probabilities P(D, Hᵢ), and they sum to P(D), not 1. \
                    Divide each by P(D) = Σⱼ P(D | Hⱼ)·P(Hⱼ).")
                .implementation(Impl {
                    posterior: |prior, likelihood| {
                        mathlings_stats::discrete_posterior(prior, likelihood)?;
                        Ok(product(prior, likelihood))
                    },
                }),
            Misconception::named("ignores_prior")
                .explanation("Your posterior is the likelihood divided by its sum: the prior has no \
                    influence. That is only right for a uniform prior. Weight each likelihood by its \
                    prior first: P(Hᵢ | D) ∝ P(D | Hᵢ)·P(Hᵢ).")
                .implementation(Impl { posterior: |p, l| normalised_by_likelihood(p, l, false) }),
            Misconception::named("evidence_without_prior")
                .explanation("You divide prior × likelihood by Σⱼ P(D | Hⱼ), the sum of the bare \
                    likelihoods. The evidence is the prior-weighted sum P(D) = Σⱼ P(D | Hⱼ)·P(Hⱼ) (law \
                    of total probability); only then does the posterior sum to 1.")
                .implementation(Impl { posterior: |p, l| normalised_by_likelihood(p, l, true) }),
        ],
        // Only the normalisation is fingerprinted: validation slips are reported by
        // `rejects_bad_input` and must not hide the diagnosis.
        probe: |imp| {
            vec![show::ok_or_debug(&(imp.posterior)(&[0.2, 0.8], &[0.5, 0.25]), |v| rounded(v))]
        },
    }
}

fn product(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| x * y).collect()
}

/// The likelihood (times the prior when `times_prior`) divided by the sum of the bare
/// likelihoods.
fn normalised_by_likelihood(
    prior: &[f64],
    likelihood: &[f64],
    times_prior: bool,
) -> Result<Vec<f64>, StatsError> {
    mathlings_stats::discrete_posterior(prior, likelihood)?;
    let total: f64 = likelihood.iter().sum();
    let weighted = if times_prior { product(prior, likelihood) } else { likelihood.to_vec() };
    Ok(weighted.iter().map(|j| j / total).collect())
}
