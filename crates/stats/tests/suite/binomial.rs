//! Binomial pmf against statrs; sums to 1 with mean np, no overflow at n = 1000+.

use crate::common::*;
use mathlings_stats::{binomial_pmf, ln_binomial_pmf};
use proptest::prelude::*;
use statrs::distribution::{Binomial, Discrete};

proptest! {
    #![proptest_config(config())]
    #[test]
    fn agrees_with_statrs(n in 0u64..1500, frac in 0.0f64..=1.0, p in 0.01f64..0.99) {
        let k = (frac * n as f64).round() as u64;
        let theirs = Binomial::new(p, n).unwrap().pmf(k);
        let ours = binomial_pmf(k, n, p).unwrap();
        if theirs > 1e-300 {
            prop_assert!(rel_err(ours, theirs) <= PMF_REL, "{k} {n} {p}: {ours} vs {theirs}");
        }
    }

    #[test]
    fn sums_to_one_with_mean_np(n in 1u64..1200, p in 0.0f64..=1.0) {
        let pmf: Vec<f64> = (0..=n).map(|k| binomial_pmf(k, n, p).unwrap()).collect();
        let total: f64 = pmf.iter().sum();
        let mean: f64 = pmf.iter().enumerate().map(|(k, q)| k as f64 * q).sum();
        prop_assert!((total - 1.0).abs() <= 1e3 * IDENTITY_ABS);
        prop_assert!((mean - n as f64 * p).abs() <= 1e3 * IDENTITY_ABS * n as f64);
    }
}

#[test]
fn edge_cases() {
    assert_eq!(binomial_pmf(3, 2, 0.5).unwrap(), 0.0);
    assert_eq!(binomial_pmf(0, 5, 0.0).unwrap(), 1.0);
    assert_eq!(binomial_pmf(5, 5, 1.0).unwrap(), 1.0);
    assert!(ln_binomial_pmf(5000, 10000, 0.5).unwrap().is_finite());
}
