//! Losses: gaussian_nll vs sums of statrs' normal ln_pdf and the NLL ⇔ MSE identity/argmin;
//! mean_squared_error vs nalgebra's norm²; binary cross-entropy vs mpmath (60 digits), vs the
//! direct sigmoid formula for moderate logits, ≥ 0 and finite at ±1000; log_sum_exp vs mpmath,
//! vs the naive formula on small inputs, shift-equivariant and finite at ±1000.

use crate::common::*;
use mathlings_stats::{
    binary_cross_entropy_with_logits, gaussian_nll, log_sum_exp, mean_squared_error,
};
use nalgebra::DVector;
use proptest::prelude::*;
use statrs::distribution::{Continuous, Normal};

/// (logit z, label y, BCE) from mpmath 1.4.1 at 60 digits:
/// `y*log1p(exp(-z)) + (1-y)*log1p(exp(z))` (= −[y ln σ(z) + (1 − y) ln(1 − σ(z))]).
const MPMATH_BCE: [(f64, f64, f64); 14] = [
    (-30.0, 1.0, 30.000000000000092),
    (-30.0, 0.0, 9.357622968839737e-14),
    (-5.0, 0.25, 1.256715348489118),
    (-0.5, 1.0, 0.9740769841801067),
    (0.0, 0.5, std::f64::consts::LN_2), // mpmath: 0.6931471805599453
    (1e-08, 1.0, 0.6931471755599453),
    (2.5, 0.0, 2.5788897342925496),
    (3.0, 0.9, 0.348587351573742),
    (12.0, 1.0, 6.144193477732806e-06),
    (36.0, 1.0, 2.319522830243569e-16),
    (40.0, 0.0, 40.0),
    (700.0, 1.0, 9.85967654375977e-305),
    (1000.0, 0.3, 700.0),
    (-1000.0, 0.6, 600.0),
];

/// (x, ln Σ exp(xᵢ)) from mpmath 1.4.1 at 60 digits: `log(fsum(exp(mpf(v)) for v in x))`.
const MPMATH_LSE: [(&[f64], f64); 7] = [
    (&[1000.0, -1000.0, 999.0], 1000.3132616875182),
    (&[-1000.0, -1001.5, -1000.0], -999.2010838151583),
    (&[0.0], 0.0),
    (&[1e-20, -1e-20], std::f64::consts::LN_2), // mpmath: 0.6931471805599453
    (&[-745.0, -745.0], -744.3068528194401),
    (&[709.0, 709.0, 709.0], 710.0986122886682),
    (&[1.0, 2.0, 3.0, 4.0], 4.440189698561196),
];

/// −[y ln σ(z) + (1 − y) ln(1 − σ(z))] exactly as a textbook writes it.
fn direct_bce(z: f64, y: f64) -> f64 {
    let s = 1.0 / (1.0 + (-z).exp());
    -(y * s.ln() + (1.0 - y) * (1.0 - s).ln())
}

#[test]
fn bce_matches_mpmath() {
    for (z, y, expected) in MPMATH_BCE {
        let ours = binary_cross_entropy_with_logits(&[z], &[y]).unwrap();
        assert!(
            rel_err(ours, expected) <= BCE_MPMATH_REL,
            "BCE({z}, {y}) = {ours} vs {expected}"
        );
    }
}

#[test]
fn log_sum_exp_matches_mpmath() {
    for (x, expected) in MPMATH_LSE {
        let ours = log_sum_exp(x).unwrap();
        assert!(
            (ours - expected).abs() <= MEAN_REL * expected.abs().max(1.0),
            "LSE({x:?}) = {ours} vs {expected}"
        );
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn gaussian_nll_is_minus_sum_of_statrs_ln_pdf(v in proptest::collection::vec((-1e3f64..1e3, -1e3f64..1e3), 1..100), sigma in 0.1f64..100.0) {
        let (y, y_hat): (Vec<f64>, Vec<f64>) = v.into_iter().unzip();
        let terms: Vec<f64> = y.iter().zip(&y_hat).map(|(a, m)| -Normal::new(*m, sigma).unwrap().ln_pdf(*a)).collect();
        let oracle: f64 = terms.iter().sum();
        let scale: f64 = terms.iter().map(|t| t.abs()).sum();
        let ours = gaussian_nll(&y, &y_hat, sigma).unwrap();
        prop_assert!((ours - oracle).abs() <= LOG_LIKELIHOOD_REL * scale, "{ours} vs {oracle}");
        // NLL = (n/2) ln(2πσ²) + n·MSE/(2σ²).
        let n = y.len() as f64;
        let via_mse = 0.5 * n * (2.0 * std::f64::consts::PI * sigma * sigma).ln() + n * mean_squared_error(&y, &y_hat).unwrap() / (2.0 * sigma * sigma);
        prop_assert!((ours - via_mse).abs() <= LOG_LIKELIHOOD_REL * scale);
    }

    #[test]
    fn mse_matches_nalgebra(v in proptest::collection::vec((-1e3f64..1e3, -1e3f64..1e3), 1..100)) {
        let (y, y_hat): (Vec<f64>, Vec<f64>) = v.into_iter().unzip();
        let residual = DVector::from_vec(y.clone()) - DVector::from_vec(y_hat.clone());
        let oracle = residual.norm_squared() / y.len() as f64;
        prop_assert!(rel_err(mean_squared_error(&y, &y_hat).unwrap(), oracle) <= LOG_LIKELIHOOD_REL);
    }

    #[test]
    fn nll_and_mse_pick_the_same_predictor(y in proptest::collection::vec(-10.0f64..10.0, 1..30), shifts in proptest::collection::vec(-3.0f64..3.0, 2..8), sigma in 0.1f64..10.0) {
        // Candidate predictors ŷ = y + shiftₖ·(1, 2, 3, …): argmin NLL = argmin MSE for any σ.
        let candidates: Vec<Vec<f64>> = shifts.iter().map(|s| y.iter().enumerate().map(|(i, v)| v + s * (i + 1) as f64).collect()).collect();
        let argmin = |loss: &dyn Fn(&[f64]) -> f64| {
            candidates.iter().enumerate().map(|(k, c)| (k, loss(c))).min_by(|a, b| a.1.total_cmp(&b.1)).unwrap().0
        };
        let by_mse = argmin(&|c| mean_squared_error(&y, c).unwrap());
        let by_nll = argmin(&|c| gaussian_nll(&y, c, sigma).unwrap());
        // Ties (equal |shift|) may resolve either way; compare the losses, not the indices.
        prop_assert_eq!(shifts[by_mse].abs(), shifts[by_nll].abs());
    }

    #[test]
    fn bce_matches_the_direct_formula_for_moderate_logits(v in proptest::collection::vec((-5.0f64..5.0, 0.0f64..=1.0), 1..50)) {
        let (z, y): (Vec<f64>, Vec<f64>) = v.into_iter().unzip();
        let oracle = z.iter().zip(&y).map(|(&z, &y)| direct_bce(z, y)).sum::<f64>() / z.len() as f64;
        let ours = binary_cross_entropy_with_logits(&z, &y).unwrap();
        prop_assert!((ours - oracle).abs() <= BCE_DIRECT_REL * oracle + f64::EPSILON, "{ours} vs {oracle}");
    }

    #[test]
    fn bce_is_non_negative_and_finite_at_extreme_logits(v in proptest::collection::vec((-1000.0f64..1000.0, 0.0f64..=1.0), 1..50)) {
        let (z, y): (Vec<f64>, Vec<f64>) = v.into_iter().unzip();
        let ours = binary_cross_entropy_with_logits(&z, &y).unwrap();
        prop_assert!(ours.is_finite() && ours >= 0.0);
        // Logits of ±1000 with the opposite hard label: each item costs exactly 1000, no overflow.
        let extremes: Vec<f64> = z.iter().map(|z| z.signum() * 1000.0).collect();
        let hard: Vec<f64> = z.iter().map(|z| f64::from(u8::from(*z < 0.0))).collect();
        prop_assert!((binary_cross_entropy_with_logits(&extremes, &hard).unwrap() - 1000.0).abs() <= MEAN_REL * 1000.0);
    }

    #[test]
    fn log_sum_exp_matches_the_naive_formula_on_small_inputs(x in proptest::collection::vec(-50.0f64..50.0, 1..30)) {
        let naive = x.iter().map(|v| v.exp()).sum::<f64>().ln();
        let ours = log_sum_exp(&x).unwrap();
        prop_assert!((ours - naive).abs() <= LOG_SUM_EXP_ABS * naive.abs().max(1.0), "{ours} vs {naive}");
        let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(max <= ours && ours <= max + (x.len() as f64).ln() + LOG_SUM_EXP_ABS);
    }

    #[test]
    fn log_sum_exp_is_shift_equivariant_and_finite_at_1000(x in proptest::collection::vec(-50.0f64..50.0, 1..30), c in prop_oneof![Just(-1000.0), Just(1000.0), -1000.0f64..1000.0]) {
        // LSE(x + c) = LSE(x) + c; at c = ±1000 the naive formula gives ±∞ / ln 0.
        let shifted: Vec<f64> = x.iter().map(|v| v + c).collect();
        let ours = log_sum_exp(&shifted).unwrap();
        prop_assert!(ours.is_finite());
        let expected = log_sum_exp(&x).unwrap() + c;
        prop_assert!((ours - expected).abs() <= LOG_SUM_EXP_ABS * expected.abs().max(1.0), "{ours} vs {expected}");
    }
}
