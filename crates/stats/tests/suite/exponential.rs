//! Exponential cdf against statrs; inverse-cdf sampling passes moment and KS checks.

use crate::common::*;
use mathlings_stats::{exponential_cdf, ks_statistic, mean, sample_exponential};
use proptest::prelude::*;
use statrs::distribution::{ContinuousCDF, Exp};

proptest! {
    #![proptest_config(config())]
    #[test]
    fn cdf_agrees_with_statrs(x in -1.0f64..50.0, lambda in 0.01f64..10.0) {
        let theirs = Exp::new(lambda).unwrap().cdf(x);
        prop_assert!(rel_err(exponential_cdf(x, lambda).unwrap(), theirs) <= NORMAL_REL);
    }
}

#[test]
fn samples_follow_the_distribution() {
    let n = 20_000;
    let x = sample_exponential(2.0, n, &mut rng(5)).unwrap();
    assert!(x.iter().all(|&v| v >= 0.0));
    assert!((mean(&x).unwrap() - 0.5).abs() < 5.0 * 0.5 / (n as f64).sqrt());
    // KS critical value at α = 0.001 is ≈ 1.95/√n.
    let d = ks_statistic(&x, |t| exponential_cdf(t, 2.0).unwrap()).unwrap();
    assert!(d < 1.95 / (n as f64).sqrt(), "KS = {d}");
}
