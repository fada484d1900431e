//! Checks for 1.8 — the Beta–Binomial conjugate update and its credible interval.

use mathlings_stats::{BetaPosterior, StatsError};

use super::tables::pair_close;
use crate::prelude::*;

pub use mathlings_bindings::p1_stats::s1_8_beta_binomial::{Impl, Pair};

/// α + s and α / (α + β) are one or two roundings: 1e-12 relative is generous.
const EXACT: Tol = Tol { rel: 1e-12, abs: 1e-15 };
/// Quantiles: a bisection stopped at a bracket of 1e-12 is within 5e-13 of the root, and the
/// reference is exact to the last bit; 1e-9 accepts any bisection that stops at ≤ 1e-10 and
/// still rejects a wrong tail split (off by ≥ 1e-3 here).
const QUANTILE: Tol = Tol { rel: 0.0, abs: 1e-9 };

fn update_call(&(a, b, s, f): &(f64, f64, u64, u64)) -> String {
    format!("beta_binomial_update({}, {}, {s}, {f})", show::float(a), show::float(b))
}

fn mean_call(a: f64, b: f64) -> String {
    format!("posterior_mean({}, {})", show::float(a), show::float(b))
}

fn interval_call(a: f64, b: f64, level: f64) -> String {
    format!("credible_interval({}, {}, {})", show::float(a), show::float(b), show::float(level))
}

/// A Beta parameter: a half-integer in [0.5, 10] (shrinks to readable values) or any value in
/// [0.3, 20].
fn shape() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![(1..=20u32).prop_map(|v| f64::from(v) / 2.0), 0.3..20.0f64]
}

fn prior_and_data() -> impl Strategy<Value = (f64, f64, u64, u64)> + Clone {
    (shape(), shape(), 0..40u64, 0..40u64)
}

fn reference_interval(a: f64, b: f64, level: f64) -> (f64, f64) {
    BetaPosterior { alpha: a, beta: b }.credible_interval(level).expect("reference interval")
}

/// The checks.
pub fn spec() -> Spec<Impl> {
    Spec {
        exercise: "s1_8_beta_binomial",
        properties: vec![
            Property::named("update_matches_reference", 2)
                .description("Beta(α, β) after s successes and f failures is Beta(α + s, β + f), as in the reference crate")
                .check(|imp, ctx| {
                    ctx.forall(prior_and_data(), update_call, |&(a, b, s, f)| {
                        let want = (RIGHT.beta_binomial_update)(a, b, s, f).expect("reference");
                        pair_close(&(imp.beta_binomial_update)(a, b, s, f), want, EXACT, true)
                    })
                }),
            Property::named("posterior_mean_matches_reference", 1)
                .description("the mean of Beta(α, β) is α / (α + β), as in the reference crate (to 1e-12)")
                .check(|imp, ctx| {
                    ctx.forall(
                        (shape(), shape()),
                        |&(a, b)| mean_call(a, b),
                        |&(a, b)| {
                            let want = BetaPosterior { alpha: a, beta: b }.mean();
                            expect::close(&(imp.posterior_mean)(a, b), want, EXACT)
                        },
                    )
                }),
            Property::named("mean_between_prior_mean_and_mle", 2)
                .description("after at least one observation, the posterior mean lies between the prior mean α/(α + β) and the MLE s/(s + f)")
                .check(|imp, ctx| {
                    let input = prior_and_data().prop_filter("some data", |t| t.2 + t.3 > 0);
                    ctx.forall(
                        input,
                        |t| format!("posterior_mean of {}", update_call(t)),
                        |&(a, b, s, f)| {
                            let updated = (imp.beta_binomial_update)(a, b, s, f);
                            let (a2, b2) = expect::ok(updated.clone(), "(α', β')")?;
                            let got = (imp.posterior_mean)(a2, b2);
                            let (prior, mle) = (a / (a + b), s as f64 / (s + f) as f64);
                            let (lo, hi) = (prior.min(mle) - 1e-12, prior.max(mle) + 1e-12);
                            let [prior, mle] = [prior, mle].map(|v| show::rounded(v, 6));
                            let returned = (show::float_result(&got), show::result(&updated));
                            expect::that(
                                matches!(got, Ok(m) if (lo..=hi).contains(&m)),
                                format!("{} (with updated parameters {})", returned.0, returned.1),
                                format!("a mean between the prior mean {prior} and the MLE {mle}"),
                            )
                        },
                    )
                }),
            Property::named("interval_matches_reference", 3)
                .description("the equal-tailed interval's ends are the (1 − L)/2 and (1 + L)/2 quantiles of Beta(α, β), as in the reference crate (to 1e-9)")
                .check(|imp, ctx| {
                    let level = prop_oneof![Just(0.95), Just(0.9), Just(0.5), 0.05..0.99f64];
                    ctx.forall(
                        (shape(), shape(), level),
                        |&(a, b, l)| interval_call(a, b, l),
                        |&(a, b, l)| {
                            pair_close(
                                &(imp.credible_interval)(a, b, l),
                                reference_interval(a, b, l),
                                QUANTILE,
                                true,
                            )
                        },
                    )
                }),
            Property::named("interval_narrows_with_data", 1)
                .description("ten times more data in the same proportions gives a narrower 90% interval")
                .check(|imp, ctx| {
                    // The posterior parameters after `k` times the data (s, f).
                    let after = |&(a, b, s, f): &(f64, f64, u64, u64), k: f64| {
                        (a + k * s as f64, b + k * f as f64)
                    };
                    let input = prior_and_data()
                        .prop_filter("some data", |t| t.2 + t.3 > 0)
                        .prop_filter("clearly narrower", move |t| {
                            let width = |(a, b)| {
                                reference_interval(a, b, 0.9).1 - reference_interval(a, b, 0.9).0
                            };
                            width(after(t, 10.0)) < 0.9 * width(after(t, 1.0))
                        });
                    let shown = |(a, b)| interval_call(a, b, 0.9);
                    ctx.forall(
                        input,
                        |t| format!("{} vs {}", shown(after(t, 1.0)), shown(after(t, 10.0))),
                        |t| {
                            let interval = |(a, b)| (imp.credible_interval)(a, b, 0.9);
                            let (small, large) =
                                (interval(after(t, 1.0)), interval(after(t, 10.0)));
                            expect::that(
                                matches!((&small, &large), (Ok(x), Ok(y)) if y.1 - y.0 < x.1 - x.0),
                                format!("{} then {}", show::result(&small), show::result(&large)),
                                "the second interval narrower than the first",
                            )
                        },
                    )
                }),
            Property::named("rejects_bad_input", 1)
                .description("α or β that is NaN, ∞ or ≤ 0, and a level outside (0, 1), give InvalidParameter naming it, never a panic")
                .check(|imp, ctx| {
                    let update = |a, b| (imp.beta_binomial_update)(a, b, 3, 2);
                    let update_shown = |a, b| update_call(&(a, b, 3, 2));
                    let interval = |a, b| (imp.credible_interval)(a, b, 0.9);
                    let interval_shown = |a, b| interval_call(a, b, 0.9);
                    let mean = imp.posterior_mean;
                    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
                        rejects!(ctx, |shown, f, a, b| shown(a, b) => f(a, b);
                            (update_shown, update, bad, 1.0) => StatsError::InvalidParameter { name: "alpha", .. },
                            (mean_call, mean, bad, 1.0) => StatsError::InvalidParameter { name: "alpha", .. },
                            (interval_shown, interval, bad, 1.0) => StatsError::InvalidParameter { name: "alpha", .. },
                            (update_shown, update, 1.0, bad) => StatsError::InvalidParameter { name: "beta", .. },
                            (mean_call, mean, 1.0, bad) => StatsError::InvalidParameter { name: "beta", .. },
                            (interval_shown, interval, 1.0, bad) => StatsError::InvalidParameter { name: "beta", .. },
                        )?;
                    }
                    rejects!(ctx, |l| interval_call(2.0, 3.0, l) => (imp.credible_interval)(2.0, 3.0, l);
                        (0.0) => StatsError::InvalidParameter { name: "level", .. },
                        (1.0) => StatsError::InvalidParameter { name: "level", .. },
                        (-0.5) => StatsError::InvalidParameter { name: "level", .. },
                        (1.5) => StatsError::InvalidParameter { name: "level", .. },
                        (f64::NAN) => StatsError::InvalidParameter { name: "level", .. },
                    )
                }),
            Property::named("iris_snapshot", 1)
                .description("θ = share of Iris setosa with sepal width > 3.4 cm (22 of 50), prior Beta(1, 1): the posterior, its mean and 95% interval match the stored snapshot")
                .check(|imp, ctx| {
                    let call = "beta_binomial_update(1.0, 1.0, s, f), then posterior_mean and \
                        credible_interval(α', β', 0.95), for the setosa flowers with sepal width > 3.4 cm";
                    ctx.once(call, || {
                        let iris = mathlings_models::datasets::iris();
                        let setosa = (0..150).filter(|&i| iris.species[i] == 0);
                        let s = setosa.clone().filter(|&i| iris.features[(i, 1)] > 3.4).count();
                        let (s, f) = (s as u64, (setosa.count() - s) as u64);
                        let mut text = format!("successes = {s}, failures = {f}\n");
                        let interval = |a, b| match (imp.credible_interval)(a, b, 0.95) {
                            Ok((lo, hi)) => {
                                format!("= [{}, {}]", show::rounded(lo, 7), show::rounded(hi, 7))
                            }
                            Err(e) => format!(": Err({e:?})"),
                        };
                        text += &match (imp.beta_binomial_update)(1.0, 1.0, s, f) {
                            Ok((a, b)) => format!(
                                "posterior = Beta({}, {})\nmean = {}\n95% interval {}\n",
                                show::rounded(a, 10),
                                show::rounded(b, 10),
                                show::rounded_result(&(imp.posterior_mean)(a, b), 10),
                                interval(a, b)
                            ),
                            Err(e) => format!("update: Err({e:?})\n"),
                        };
                        ctx.snapshot("iris", call, &text)
                    })
                }),
        ],
        misconceptions: vec![
            Misconception::named("swapped_update")
                .explanation("Your update adds the successes to β and the failures to α. In Beta(α, β), \
                    α counts successes (the mean α/(α + β) is the success probability): \
                    Beta(α + successes, β + failures).")
                .implementation(Impl {
                    beta_binomial_update: |a, b, s, f| (RIGHT.beta_binomial_update)(a, b, f, s),
                    ..RIGHT
                }),
            Misconception::named("returns_mode")
                .explanation("Your posterior mean is (α − 1)/(α + β − 2): that is the mode (the peak of the \
                    density, the MAP estimate), not the mean. The mean of Beta(α, β) is α/(α + β).")
                .implementation(Impl {
                    posterior_mean: |a, b| {
                        (RIGHT.posterior_mean)(a, b)?;
                        Ok((a - 1.0) / (a + b - 2.0))
                    },
                    ..RIGHT
                }),
            Misconception::named("tails_not_split")
                .explanation("Your interval uses the quantiles 1 − L and L: each tail then holds 1 − L, so a \
                    95% interval only covers 90%. Split the leftover mass between the two tails: the \
                    ends are the (1 − L)/2 and (1 + L)/2 quantiles.")
                .implementation(Impl {
                    credible_interval: |a, b, level| {
                        (RIGHT.credible_interval)(a, b, level)?;
                        let quantile = |p| mathlings_stats::beta_quantile(p, a, b);
                        Ok((quantile(1.0 - level)?, quantile(level)?))
                    },
                    ..RIGHT
                }),
        ],
        probe: |imp| {
            vec![
                show::result(&(imp.beta_binomial_update)(2.0, 3.0, 7, 1)),
                show::rounded_result(&(imp.posterior_mean)(9.0, 4.0), 10),
                show::ok_or_debug(&(imp.credible_interval)(9.0, 4.0, 0.9), |(lo, hi)| {
                    format!("{} {}", show::rounded(*lo, 6), show::rounded(*hi, 6))
                }),
            ]
        },
    }
}

/// The reference implementation, through the reference crate.
const RIGHT: Impl = Impl {
    beta_binomial_update: |a, b, s, f| {
        mathlings_stats::beta_binomial_update(a, b, s, f).map(|p| (p.alpha, p.beta))
    },
    posterior_mean: |a, b| mathlings_stats::beta_binomial_update(a, b, 0, 0).map(|p| p.mean()),
    credible_interval: |a, b, level| {
        mathlings_stats::beta_binomial_update(a, b, 0, 0)?.credible_interval(level)
    },
};
