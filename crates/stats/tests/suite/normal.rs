//! Normal pdf/cdf against statrs; Box–Muller sample moments within confidence bounds.

use crate::common::*;
use mathlings_stats::{mean, normal_cdf, normal_pdf, sample_normal, sample_variance};
use proptest::prelude::*;
use statrs::distribution::{Continuous, ContinuousCDF, Normal};

proptest! {
    #![proptest_config(config())]
    #[test]
    fn pdf_and_cdf_agree_with_statrs(z in -8.0f64..8.0, mu in -100.0f64..100.0, sigma in 0.01f64..100.0) {
        let x = mu + z * sigma;
        let oracle = Normal::new(mu, sigma).unwrap();
        prop_assert!(rel_err(normal_pdf(x, mu, sigma).unwrap(), oracle.pdf(x)) <= NORMAL_REL);
        prop_assert!(rel_err(normal_cdf(x, mu, sigma).unwrap(), oracle.cdf(x)) <= STATRS_ERF_REL);
    }

    #[test]
    fn pdf_symmetric_and_cdf_half_at_mean(d in 0.0f64..10.0, mu in -10.0f64..10.0, sigma in 0.1f64..10.0) {
        prop_assert!(rel_err(normal_pdf(mu + d, mu, sigma).unwrap(), normal_pdf(mu - d, mu, sigma).unwrap()) <= IDENTITY_REL);
        prop_assert_eq!(normal_cdf(mu, mu, sigma).unwrap(), 0.5);
    }
}

#[test]
fn far_tail_is_accurate() {
    // Φ(−30) = ½ erfc(30/√2), mpmath 1.4.1: `mpmath.ncdf(-30)`.
    assert!(rel_err(normal_cdf(-30.0, 0.0, 1.0).unwrap(), 4.906713927148187e-198) <= NORMAL_REL);
}

#[test]
fn box_muller_moments_within_bounds() {
    let n = 20_000;
    let x = sample_normal(3.0, 2.0, n, &mut rng(11)).unwrap();
    assert_eq!(x.len(), n);
    // x̄ ~ N(3, 4/n): 5 standard errors; s² has sd ≈ σ²√(2/n).
    let se = 2.0 / (n as f64).sqrt();
    assert!((mean(&x).unwrap() - 3.0).abs() < 5.0 * se);
    assert!((sample_variance(&x).unwrap() - 4.0).abs() < 5.0 * 4.0 * (2.0 / n as f64).sqrt());
    assert_eq!(sample_normal(0.0, 1.0, 7, &mut rng(1)).unwrap().len(), 7);
}
