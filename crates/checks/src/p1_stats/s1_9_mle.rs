//! Checks for 1.9 — maximum-likelihood estimates of the normal, Bernoulli and Poisson models.

use mathlings_stats::StatsError;

use super::tables::pair_close;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_9_mle::{Impl, NormalFit};

/// Means and two-pass deviations of ≤ 40 values of magnitude ≤ 1000: absolute error
/// ≲ n·ε·max|x| ≈ 1e-11; 1e-9 (plus 1e-10 relative) leaves margin and still rejects n − 1
/// (a relative change ≥ 1/(2n) ≥ 1.2%).
const AGREE: Tol = Tol { rel: 1e-10, abs: 1e-9 };
/// Slack when comparing log-likelihoods: they are sums of ≤ 40 terms of size ≲ 1e2, exact to
/// ~1e-12; a perturbation of the parameter lowers them by ≥ 1e-5 here.
const LL_SLACK: f64 = 1e-9;

fn normal_call(x: &[f64]) -> String {
    format!("normal_mle({})", show::floats(x))
}

fn bernoulli_call(x: &[bool]) -> String {
    format!("bernoulli_mle({})", show::slice(x))
}

fn poisson_call(x: &[u64]) -> String {
    format!("poisson_mle({})", show::slice(x))
}

/// A sample with spread (population variance ≥ 1), so σ̂ > 0 and ℓ is defined around it.
fn spread_sample() -> impl Strategy<Value = Vec<f64>> + Clone {
    strategies::sample(2..40).prop_filter("needs spread", |xs| {
        mathlings_stats::population_variance(xs).is_ok_and(|v| v >= 1.0)
    })
}

fn bools() -> impl Strategy<Value = Vec<bool>> + Clone {
    proptest::collection::vec(proptest::bool::ANY, 1..40)
}

fn counts() -> impl Strategy<Value = Vec<u64>> + Clone {
    proptest::collection::vec(prop_oneof![0..10u64, 0..1000u64], 1..40)
}

/// `ll(estimate) ≥ ll(other) − slack` for every perturbed parameter in `others`.
fn is_maximum(
    name: &str,
    estimate: f64,
    others: &[f64],
    ll: impl Fn(f64) -> Result<f64, StatsError>,
) -> Verdict {
    let Ok(best) = ll(estimate) else {
        return expect::fail(
            format!("{name} = {}", show::float(estimate)),
            format!("a valid {name}"),
        );
    };
    for &other in others {
        if let Ok(v) = ll(other)
            && v > best + LL_SLACK
        {
            return expect::fail(
                format!(
                    "{name} = {} with ℓ = {}, but ℓ({}) = {} is higher",
                    show::float(estimate),
                    show::rounded(best, 12),
                    show::float(other),
                    show::rounded(v, 12)
                ),
                format!("ℓ at your {name} ≥ ℓ at every nearby value"),
            );
        }
    }
    Ok(())
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_9_mle",
        properties: vec![
            Property::named("normal_matches_reference", 3)
                .description("μ̂ is the mean and σ̂ = √(Σ(xᵢ − μ̂)²/n), as in the reference crate")
                .check(|imp, ctx| {
                    ctx.forall(
                        strategies::sample(1..40),
                        |x| normal_call(x),
                        |x| {
                            let want = mathlings_stats::normal_mle(x).expect("reference");
                            pair_close(&(imp.normal_mle)(x), (want.mu, want.sigma), AGREE, false)
                        },
                    )
                }),
            Property::named("bernoulli_poisson_match_reference", 2)
                .description("p̂ is the fraction of successes and λ̂ the mean count, as in the reference crate")
                .check(|imp, ctx| {
                    ctx.forall(
                        bools(),
                        |x| bernoulli_call(x),
                        |x| {
                            let want = mathlings_stats::bernoulli_mle(x).expect("reference");
                            expect::close(&(imp.bernoulli_mle)(x), want, AGREE)
                        },
                    )?;
                    ctx.forall(
                        counts(),
                        |x| poisson_call(x),
                        |x| {
                            let want = mathlings_stats::poisson_mle(x).expect("reference");
                            expect::close(&(imp.poisson_mle)(x), want, AGREE)
                        },
                    )
                }),
            Property::named("normal_likelihood_is_maximal", 2)
                .description("the normal log-likelihood at (μ̂, σ̂) is at least that at μ̂ ± 0.01σ̂, μ̂ ± 0.3σ̂, σ̂·(1 ± 0.005) and σ̂·(1 ± 0.2)")
                .check(|imp, ctx| {
                    ctx.forall(
                        spread_sample(),
                        |x| normal_call(x),
                        |x| {
                            let got = (imp.normal_mle)(x);
                            let (mu, sigma) = expect::ok(got, "(μ̂, σ̂)")?;
                            let mus: Vec<f64> =
                                [-0.3, -0.01, 0.01, 0.3].iter().map(|d| mu + d * sigma).collect();
                            is_maximum("μ̂", mu, &mus, |m| {
                                mathlings_stats::normal_log_likelihood(x, m, sigma)
                            })?;
                            let sigmas: Vec<f64> =
                                [0.8, 0.995, 1.005, 1.2].iter().map(|f| f * sigma).collect();
                            is_maximum("σ̂", sigma, &sigmas, |s| {
                                mathlings_stats::normal_log_likelihood(x, mu, s)
                            })
                        },
                    )
                }),
            Property::named("bernoulli_poisson_likelihood_is_maximal", 1)
                .description("the Bernoulli log-likelihood at p̂ beats p̂ ± 0.01 and ± 0.2; the Poisson one at λ̂ beats λ̂·(1 ± 0.01) and λ̂·(1 ± 0.3)")
                .check(|imp, ctx| {
                    ctx.forall(
                        bools(),
                        |x| bernoulli_call(x),
                        |x| {
                            let got = (imp.bernoulli_mle)(x);
                            let p = expect::ok(got, "p̂")?;
                            let others: Vec<f64> = [-0.2, -0.01, 0.01, 0.2]
                                .iter()
                                .map(|d| p + d)
                                .filter(|q| (0.0..=1.0).contains(q))
                                .collect();
                            is_maximum("p̂", p, &others, |q| {
                                mathlings_stats::bernoulli_log_likelihood(x, q)
                            })
                        },
                    )?;
                    let positive =
                        counts().prop_filter("some events", |x| x.iter().any(|&k| k > 0));
                    ctx.forall(
                        positive,
                        |x| poisson_call(x),
                        |x| {
                            let got = (imp.poisson_mle)(x);
                            let l = expect::ok(got, "λ̂")?;
                            let others: Vec<f64> =
                                [0.7, 0.99, 1.01, 1.3].iter().map(|f| f * l).collect();
                            is_maximum("λ̂", l, &others, |m| {
                                mathlings_stats::poisson_log_likelihood(x, m)
                            })
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("empty data gives StatsError::EmptyInput, and NaN/±∞ in a normal sample StatsError::NonFinite, never a panic")
                .check(|imp, ctx| {
                    rejects!(ctx, |x| normal_call(x) => (imp.normal_mle)(x); (&[]) => StatsError::EmptyInput)?;
                    rejects!(ctx, |x| bernoulli_call(x) => (imp.bernoulli_mle)(x); (&[]) => StatsError::EmptyInput)?;
                    rejects!(ctx, |x| poisson_call(x) => (imp.poisson_mle)(x); (&[]) => StatsError::EmptyInput)?;
                    rejects!(ctx, |x| normal_call(x) => (imp.normal_mle)(x);
                        (&[1.0, f64::NAN, 2.0]) => StatsError::NonFinite,
                        (&[1.0, f64::INFINITY, 2.0]) => StatsError::NonFinite,
                        (&[1.0, f64::NEG_INFINITY, 2.0]) => StatsError::NonFinite,
                    )
                }),
            Property::named("iris_snapshot", 1)
                .description("the normal MLE of Iris sepal length (150 flowers) matches the stored snapshot (μ̂ ≈ 5.843, σ̂ ≈ 0.8253)")
                .check(|imp, ctx| {
                    let call = "normal_mle(&sepal_length) on the 150 Iris flowers";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let x: Vec<f64> = iris.features.column(0).iter().copied().collect();
                        let text = match (imp.normal_mle)(&x) {
                            Ok((mu, sigma)) => format!(
                                "mu = {}\nsigma = {}\n",
                                show::rounded(mu, 10),
                                show::rounded(sigma, 10)
                            ),
                            Err(e) => format!("Err({e:?})\n"),
                        };
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("n_minus_one")
                .explanation("Your σ̂ divides by n − 1: that is the sample standard deviation s, the square \
                    root of the unbiased variance. Maximising the likelihood gives σ̂² = Σ(xᵢ − μ̂)²/n — \
                    slightly smaller, and the likelihood is higher there. Divide by n.")
                .implementation(Impl { normal_mle: n_minus_one, ..RIGHT }),
            Misconception::named("returns_variance")
                .explanation("Your second value is σ̂², the variance. The normal model is parametrised by the \
                    standard deviation σ here: return the square root of Σ(xᵢ − μ̂)²/n.")
                .implementation(Impl {
                    normal_mle: |x| {
                        mathlings_stats::normal_mle(x).map(|fit| (fit.mu, fit.sigma * fit.sigma))
                    },
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            vec![
                show::ok_or_debug(&(imp.normal_mle)(&[1.0, 2.0, 3.0, 6.0]), |(m, s)| {
                    format!("{} {}", show::rounded(*m, 8), show::rounded(*s, 8))
                }),
                show::float_result(&(imp.bernoulli_mle)(&[true, false, true, true])),
                show::float_result(&(imp.poisson_mle)(&[1, 2, 3, 6])),
            ]
        },
    }
}

fn n_minus_one(x: &[f64]) -> Result<(f64, f64), StatsError> {
    let fit = mathlings_stats::normal_mle(x)?;
    let n = x.len() as f64;
    let s = if x.len() > 1 { fit.sigma * (n / (n - 1.0)).sqrt() } else { f64::NAN };
    Ok((fit.mu, s))
}

/// The reference estimators.
const RIGHT: Impl = Impl {
    normal_mle: |x| mathlings_stats::normal_mle(x).map(|fit| (fit.mu, fit.sigma)),
    bernoulli_mle: mathlings_stats::bernoulli_mle,
    poisson_mle: mathlings_stats::poisson_mle,
};
