//! Variance family: exact offset cases, and random samples against an exact rational oracle
//! (integer data, so Σ and Σ² are exact in i128 arithmetic).

use crate::common::*;
use mathlings_stats::{covariance, pearson_correlation, population_variance, sample_variance};
use proptest::prelude::*;

#[test]
fn large_offsets_stay_exact() {
    for offset in [1e6, 1e7, 1e8, 1e9] {
        let x = [offset + 4.0, offset + 7.0, offset + 13.0, offset + 16.0];
        assert_eq!(sample_variance(&x).unwrap(), 30.0);
    }
}

proptest! {
    #![proptest_config(config())]
    #[test]
    fn matches_exact_integer_oracle(v in proptest::collection::vec(-1_000_000i64..1_000_000, 2..200), offset in 0i64..1_000_000_000) {
        let x: Vec<f64> = v.iter().map(|&a| (a + offset) as f64).collect();
        let n = v.len() as i128;
        let s: i128 = v.iter().map(|&a| a as i128).sum();
        let s2: i128 = v.iter().map(|&a| (a as i128) * (a as i128)).sum();
        // n²·σ² = n·Σa² − (Σa)², exact in integers (shift-invariant, so the offset drops out).
        let exact = (n * s2 - s * s) as f64 / (n * n) as f64;
        let pop = population_variance(&x).unwrap();
        prop_assert!((pop - exact).abs() <= VARIANCE_REL * exact.max(1.0), "{pop} vs {exact}");
        let samp = sample_variance(&x).unwrap();
        prop_assert!((samp - exact * n as f64 / (n - 1) as f64).abs() <= VARIANCE_REL * exact.max(1.0) * 2.0);
        prop_assert!((covariance(&x, &x).unwrap() - samp).abs() <= VARIANCE_REL * samp.max(1.0));
    }

    #[test]
    fn correlation_of_affine_map_is_sign(v in proptest::collection::vec(-1e3f64..1e3, 3..50), a in prop_oneof![-10.0f64..-0.1, 0.1f64..10.0], b in -100.0f64..100.0) {
        prop_assume!(population_variance(&v).unwrap() > 1e-6);
        let y: Vec<f64> = v.iter().map(|x| a * x + b).collect();
        let r = pearson_correlation(&v, &y).unwrap();
        prop_assert!((r - a.signum()).abs() <= IDENTITY_ABS);
    }
}
