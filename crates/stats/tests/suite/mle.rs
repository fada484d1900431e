//! Maximum likelihood: normal/Bernoulli/Poisson estimates vs statrs (mean, population_std_dev,
//! counts); log-likelihoods vs sums of statrs' ln_pdf/ln_pmf; the log-likelihood at the MLE is
//! ≥ its value at any perturbed parameter.

use crate::common::*;
use mathlings_stats::{
    bernoulli_log_likelihood, bernoulli_mle, normal_log_likelihood, normal_mle,
    poisson_log_likelihood, poisson_mle,
};
use proptest::prelude::*;
use statrs::distribution::{Bernoulli, Continuous, Discrete, Normal, Poisson};
use statrs::statistics::Statistics;

/// |ours − Σ termᵢ| ≤ tol · Σ |termᵢ|.
fn close_to_sum(ours: f64, terms: &[f64], tol: f64) -> bool {
    let sum: f64 = terms.iter().sum();
    let scale: f64 = terms.iter().map(|t| t.abs()).sum();
    (ours - sum).abs() <= tol * scale.max(f64::MIN_POSITIVE)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn normal_mle_matches_statrs(x in proptest::collection::vec(-1e3f64..1e3, 1..200)) {
        let fit = normal_mle(&x).unwrap();
        let scale = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        prop_assert!((fit.mu - x.iter().mean()).abs() <= WELFORD_REL * scale);
        // The MLE divides by n: statrs' population standard deviation.
        prop_assert!((fit.sigma - x.iter().population_std_dev()).abs() <= WELFORD_REL * scale);
    }

    #[test]
    fn normal_log_likelihood_matches_statrs(x in proptest::collection::vec(-1e3f64..1e3, 1..200), mu in -1e3f64..1e3, sigma in 0.1f64..1e3) {
        let oracle = Normal::new(mu, sigma).unwrap();
        let terms: Vec<f64> = x.iter().map(|&v| oracle.ln_pdf(v)).collect();
        let ours = normal_log_likelihood(&x, mu, sigma).unwrap();
        prop_assert!(close_to_sum(ours, &terms, LOG_LIKELIHOOD_REL), "{ours} vs {}", terms.iter().sum::<f64>());
    }

    #[test]
    fn normal_mle_maximises_the_log_likelihood(x in proptest::collection::vec(-1e3f64..1e3, 2..100), dmu in -1.0f64..1.0, dlog_sigma in -1.0f64..1.0) {
        let fit = normal_mle(&x).unwrap();
        prop_assume!(fit.sigma > 1e-3);
        let best = normal_log_likelihood(&x, fit.mu, fit.sigma).unwrap();
        let other = normal_log_likelihood(&x, fit.mu + dmu * fit.sigma, fit.sigma * dlog_sigma.exp()).unwrap();
        prop_assert!(best >= other - LOG_LIKELIHOOD_REL * best.abs(), "{best} < {other}");
    }

    #[test]
    fn bernoulli_matches_statrs_and_is_maximised_at_the_mle(x in proptest::collection::vec(any::<bool>(), 1..200), p in 0.001f64..0.999) {
        let oracle = Bernoulli::new(p).unwrap();
        let terms: Vec<f64> = x.iter().map(|&b| oracle.ln_pmf(u64::from(b))).collect();
        let ours = bernoulli_log_likelihood(&x, p).unwrap();
        prop_assert!(close_to_sum(ours, &terms, LOG_LIKELIHOOD_REL), "{ours} vs {}", terms.iter().sum::<f64>());
        let p_hat = bernoulli_mle(&x).unwrap();
        prop_assert_eq!(p_hat, x.iter().filter(|&&b| b).count() as f64 / x.len() as f64);
        let best = bernoulli_log_likelihood(&x, p_hat).unwrap();
        prop_assert!(best >= ours - LOG_LIKELIHOOD_REL * ours.abs(), "ℓ(p̂ = {p_hat}) = {best} < ℓ({p}) = {ours}");
    }

    #[test]
    fn poisson_matches_statrs_and_is_maximised_at_the_mle(x in proptest::collection::vec(0u64..400, 1..200), lambda in 0.01f64..300.0) {
        let oracle = Poisson::new(lambda).unwrap();
        let terms: Vec<f64> = x.iter().map(|&k| oracle.ln_pmf(k)).collect();
        let ours = poisson_log_likelihood(&x, lambda).unwrap();
        prop_assert!(close_to_sum(ours, &terms, POISSON_LOG_LIKELIHOOD_REL), "{ours} vs {}", terms.iter().sum::<f64>());
        let lambda_hat = poisson_mle(&x).unwrap();
        let counts: Vec<f64> = x.iter().map(|&k| k as f64).collect();
        prop_assert!(rel_err(lambda_hat, counts.iter().mean()) <= WELFORD_REL);
        prop_assume!(lambda_hat > 0.0);
        let best = poisson_log_likelihood(&x, lambda_hat).unwrap();
        prop_assert!(best >= ours - POISSON_LOG_LIKELIHOOD_REL * ours.abs(), "ℓ(λ̂) = {best} < ℓ({lambda}) = {ours}");
    }
}

#[test]
fn degenerate_bernoulli_samples() {
    // All failures: p̂ = 0 and ℓ(0) = 0 (0·ln 0 = 0); one success makes ℓ(0) = −∞.
    let none = [false; 5];
    assert_eq!(bernoulli_mle(&none).unwrap(), 0.0);
    assert_eq!(bernoulli_log_likelihood(&none, 0.0).unwrap(), 0.0);
    assert_eq!(
        bernoulli_log_likelihood(&[true, false], 0.0).unwrap(),
        f64::NEG_INFINITY
    );
    assert_eq!(bernoulli_log_likelihood(&[true; 3], 1.0).unwrap(), 0.0);
}
