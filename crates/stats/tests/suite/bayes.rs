//! discrete_posterior (sums to 1, ∝ prior × likelihood, uniform prior ⇒ normalised likelihood,
//! sequential = batch), diagnostic_posterior vs discrete_posterior and a JointTable conditional
//! (textbook base-rate value), the Beta–Binomial update (sequential = batch, posterior mean between
//! prior mean and MLE) and its credible interval vs statrs' Beta::inverse_cdf.

use crate::common::*;
use mathlings_stats::{JointTable, beta_binomial_update, diagnostic_posterior, discrete_posterior};
use proptest::prelude::*;
use statrs::distribution::{Beta, ContinuousCDF};

/// A random prior (normalised weights) with a likelihood vector of the same length.
fn prior_and_likelihoods() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>)> {
    (1usize..12).prop_flat_map(|k| {
        (
            proptest::collection::vec(0.01f64..1.0, k),
            proptest::collection::vec(0.01f64..1.0, k),
            proptest::collection::vec(0.01f64..1.0, k),
        )
            .prop_map(|(w, l1, l2)| {
                let total: f64 = w.iter().sum();
                (w.iter().map(|v| v / total).collect(), l1, l2)
            })
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn posterior_is_normalised_prior_times_likelihood((prior, likelihood, _) in prior_and_likelihoods()) {
        let post = discrete_posterior(&prior, &likelihood).unwrap();
        prop_assert!((post.iter().sum::<f64>() - 1.0).abs() <= IDENTITY_ABS);
        // Bayes' rule written out: P(H | D) = P(D | H) P(H) / Σ P(D | H′) P(H′).
        let evidence: f64 = prior.iter().zip(&likelihood).map(|(p, l)| p * l).sum();
        for ((p, l), q) in prior.iter().zip(&likelihood).zip(&post) {
            prop_assert!(rel_err(*q, p * l / evidence) <= IDENTITY_REL);
        }
    }

    #[test]
    fn uniform_prior_gives_the_normalised_likelihood((_, likelihood, _) in prior_and_likelihoods()) {
        let k = likelihood.len();
        let post = discrete_posterior(&vec![1.0 / k as f64; k], &likelihood).unwrap();
        let total: f64 = likelihood.iter().sum();
        for (q, l) in post.iter().zip(&likelihood) {
            prop_assert!(rel_err(*q, l / total) <= IDENTITY_REL);
        }
    }

    #[test]
    fn sequential_updates_equal_one_batch_update((prior, l1, l2) in prior_and_likelihoods()) {
        // Two independent observations: update twice, or once with the product likelihood.
        let sequential = discrete_posterior(&discrete_posterior(&prior, &l1).unwrap(), &l2).unwrap();
        let joint_likelihood: Vec<f64> = l1.iter().zip(&l2).map(|(a, b)| a * b).collect();
        let batch = discrete_posterior(&prior, &joint_likelihood).unwrap();
        for (s, b) in sequential.iter().zip(&batch) {
            prop_assert!(rel_err(*s, *b) <= IDENTITY_REL);
        }
    }

    #[test]
    fn diagnostic_posterior_is_a_two_hypothesis_posterior(prevalence in 0.0f64..=1.0, sensitivity in 0.0f64..=1.0, specificity in 0.0f64..1.0) {
        let ours = diagnostic_posterior(prevalence, sensitivity, specificity);
        let general = discrete_posterior(&[prevalence, 1.0 - prevalence], &[sensitivity, 1.0 - specificity]);
        match (ours.clone(), general) {
            (Ok(a), Ok(b)) => prop_assert!((a - b[0]).abs() <= IDENTITY_ABS, "{a} vs {}", b[0]),
            (a, b) => prop_assert_eq!(a.unwrap_err(), b.unwrap_err()),
        }
        // The same number as a conditional of the joint table of (disease, test result).
        let table = JointTable::new(vec![
            vec![prevalence * sensitivity, prevalence * (1.0 - sensitivity)],
            vec![(1.0 - prevalence) * (1.0 - specificity), (1.0 - prevalence) * specificity],
        ]).unwrap();
        if let (Ok(a), Ok(cond)) = (ours, table.conditional_x_given_y(0)) {
            prop_assert!((a - cond[0]).abs() <= IDENTITY_ABS);
        }
    }

    #[test]
    fn beta_updates_compose_and_shrink_towards_the_mle(
        alpha in 0.1f64..20.0, beta in 0.1f64..20.0,
        s1 in 0u64..200, f1 in 0u64..200, s2 in 0u64..200, f2 in 0u64..200,
    ) {
        let batch = beta_binomial_update(alpha, beta, s1 + s2, f1 + f2).unwrap();
        let first = beta_binomial_update(alpha, beta, s1, f1).unwrap();
        let sequential = beta_binomial_update(first.alpha, first.beta, s2, f2).unwrap();
        // (β + f₁) + f₂ vs β + (f₁ + f₂): equal up to one rounding of the addition.
        prop_assert!(rel_err(sequential.alpha, batch.alpha) <= MEAN_REL);
        prop_assert!(rel_err(sequential.beta, batch.beta) <= MEAN_REL);
        prop_assert_eq!(batch.alpha, alpha + (s1 + s2) as f64);
        // The posterior mean is a weighted average of the prior mean and the MLE s/(s + f).
        let (s, n) = ((s1 + s2) as f64, (s1 + s2 + f1 + f2) as f64);
        prop_assume!(n > 0.0);
        let prior_mean = alpha / (alpha + beta);
        let mle = s / n;
        let m = batch.mean();
        let slack = IDENTITY_ABS;
        prop_assert!(prior_mean.min(mle) - slack <= m && m <= prior_mean.max(mle) + slack, "{m} not between {prior_mean} and {mle}");
        let weight = n / (alpha + beta + n);
        prop_assert!((m - ((1.0 - weight) * prior_mean + weight * mle)).abs() <= IDENTITY_ABS);
    }

    #[test]
    fn credible_interval_matches_statrs_beta_quantiles(alpha in 0.5f64..200.0, beta in 0.5f64..200.0, level in 0.05f64..0.99) {
        let posterior = beta_binomial_update(alpha, beta, 0, 0).unwrap();
        let (lo, hi) = posterior.credible_interval(level).unwrap();
        let oracle = Beta::new(alpha, beta).unwrap();
        prop_assert!(rel_err(lo, oracle.inverse_cdf((1.0 - level) / 2.0)) <= STATRS_BETA_QUANTILE_REL, "{lo}");
        prop_assert!(rel_err(hi, oracle.inverse_cdf((1.0 + level) / 2.0)) <= STATRS_BETA_QUANTILE_REL, "{hi}");
        // The interval holds `level` of the posterior mass (statrs' cdf).
        prop_assert!((oracle.cdf(hi) - oracle.cdf(lo) - level).abs() <= BETA_REL);
    }
}

/// (α, β, level, lower, upper) from scipy 1.17.1:
/// `scipy.stats.beta.ppf((1 - level) / 2, α, β)`, `beta.ppf((1 + level) / 2, α, β)`.
const SCIPY_CREDIBLE_INTERVALS: [(f64, f64, f64, f64, f64); 5] = [
    (
        0.7101910718196607,
        192.6504503036329,
        0.22455441439677754,
        0.0013961564970037719,
        0.003188652784625804,
    ),
    (8.0, 4.0, 0.95, 0.3902574404275788, 0.8907365561809019),
    (1.5, 300.5, 0.9, 0.0005847774706797379, 0.012908052684470142),
    (250.0, 120.0, 0.99, 0.6114490332399981, 0.7363441923288941),
    (0.5, 0.5, 0.5, 0.14644660940672624, 0.8535533905932737),
];

#[test]
fn credible_interval_matches_scipy() {
    for (alpha, beta, level, lower, upper) in SCIPY_CREDIBLE_INTERVALS {
        let (lo, hi) = beta_binomial_update(alpha, beta, 0, 0)
            .unwrap()
            .credible_interval(level)
            .unwrap();
        assert!(
            rel_err(lo, lower) <= BETA_REL,
            "Beta({alpha}, {beta}): {lo} vs {lower}"
        );
        assert!(
            rel_err(hi, upper) <= BETA_REL,
            "Beta({alpha}, {beta}): {hi} vs {upper}"
        );
    }
}

#[test]
fn base_rate_textbook_value() {
    // 1% prevalence, 99% sensitivity, 95% specificity: 0.0099 / (0.0099 + 0.0495) = 1/6.
    let p = diagnostic_posterior(0.01, 0.99, 0.95).unwrap();
    assert!(rel_err(p, 1.0 / 6.0) <= IDENTITY_REL, "{p}");
    // A uniform Beta(1, 1) prior's 90% interval is [0.05, 0.95].
    let (lo, hi) = beta_binomial_update(1.0, 1.0, 0, 0)
        .unwrap()
        .credible_interval(0.9)
        .unwrap();
    assert!(rel_err(lo, 0.05) <= BETA_REL && rel_err(hi, 0.95) <= BETA_REL);
}
