//! Uniform pdf/cdf against statrs; sample moments within bounds.

use crate::common::*;
use mathlings_stats::{mean, sample_uniform, sample_variance, uniform_cdf, uniform_pdf};
use proptest::prelude::*;
use statrs::distribution::{Continuous, ContinuousCDF, Uniform};

proptest! {
    #![proptest_config(config())]
    #[test]
    fn agrees_with_statrs(a in -100.0f64..100.0, w in 0.01f64..100.0, t in -0.5f64..1.5) {
        let b = a + w;
        let x = a + t * w;
        let u = Uniform::new(a, b).unwrap();
        prop_assert!(rel_err(uniform_pdf(x, a, b).unwrap(), u.pdf(x)) <= IDENTITY_REL);
        prop_assert!((uniform_cdf(x, a, b).unwrap() - u.cdf(x)).abs() <= IDENTITY_ABS);
    }
}

#[test]
fn sample_moments() {
    let n = 20_000;
    let x = sample_uniform(2.0, 5.0, n, &mut rng(3)).unwrap();
    assert!(x.iter().all(|v| (2.0..5.0).contains(v)));
    let var = 9.0 / 12.0;
    assert!((mean(&x).unwrap() - 3.5).abs() < 5.0 * (var / n as f64).sqrt());
    // Var(s²) for a uniform ≈ (μ₄ − σ⁴)/n with μ₄ = 9·σ⁴/5.
    assert!((sample_variance(&x).unwrap() - var).abs() < 5.0 * var * (0.8 / n as f64).sqrt());
}
