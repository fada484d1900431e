//! Simple linear regression: Anscombe's published fits (insta snapshot + numeric
//! asserts), agreement with QR-based OLS, and algebraic laws (quickcheck/proptest).

use crate::common::*;
use mathlings_models::{LinearRegression, ModelError, datasets, simple_linear_regression};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

#[test]
fn anscombe_quartet_gives_one_line() {
    // Published (Anscombe 1973): y ≈ 3.00 + 0.500x, r ≈ 0.816 for all four sets.
    let mut rounded = Vec::new();
    for (k, (x, y)) in datasets::anscombe().sets.iter().enumerate() {
        let fit = simple_linear_regression(x, y).unwrap();
        assert!(
            (fit.intercept - 3.00).abs() < 5e-3,
            "set {k}: intercept {}",
            fit.intercept
        );
        assert!(
            (fit.slope - 0.500).abs() < 5e-4,
            "set {k}: slope {}",
            fit.slope
        );
        // r is published as 0.816 for every set; set 4's is 0.8165 (0.817 in some sources).
        assert!(
            (fit.r_squared.sqrt() - 0.816).abs() < 1e-3,
            "set {k}: r {}",
            fit.r_squared.sqrt()
        );
        rounded.push(format!(
            "set {}: y = {:.3} + {:.3}x, r = {:.3}, R² = {:.3}",
            k + 1,
            fit.intercept,
            fit.slope,
            fit.r_squared.sqrt(),
            fit.r_squared
        ));
    }
    insta::assert_snapshot!("anscombe_fits", rounded.join("\n"));
}

#[test]
fn constant_y_is_a_perfect_flat_fit() {
    let fit = simple_linear_regression(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]).unwrap();
    assert_eq!(fit.slope, 0.0);
    assert_eq!(fit.intercept, 4.0);
    assert_eq!(fit.r_squared, 1.0);
}

#[test]
fn large_offset_does_not_cancel() {
    // x = 1e9 + {0, 1, 2, 3}: the one-pass formula Σxy − n x̄ȳ loses every digit here.
    let x: Vec<f64> = (0..4).map(|i| 1e9 + i as f64).collect();
    let y = [1.0, 3.0, 5.0, 7.0];
    let fit = simple_linear_regression(&x, &y).unwrap();
    assert!((fit.slope - 2.0).abs() < 1e-9);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn agrees_with_multiple_ols(n in 3usize..40, seed in any::<u64>()) {
        let x = gaussian_vector(n, seed);
        let y = &x * 1.5 + gaussian_vector(n, seed ^ 7) + DVector::from_element(n, -2.0);
        let simple = simple_linear_regression(x.as_slice(), y.as_slice()).unwrap();
        let design = DMatrix::from_column_slice(n, 1, x.as_slice());
        let ols = LinearRegression::default().fit(&design, &y).unwrap();
        prop_assert!((simple.slope - ols.coefficients[0]).abs() <= CLOSED_FORM_REL * simple.slope.abs().max(1.0));
        prop_assert!((simple.intercept - ols.intercept.unwrap()).abs() <= CLOSED_FORM_REL * simple.intercept.abs().max(1.0));
        prop_assert!((simple.r_squared - ols.r_squared).abs() <= IDENTITY_ABS);
    }

    #[test]
    fn r_squared_is_the_squared_correlation(n in 3usize..40, seed in any::<u64>()) {
        let x = gaussian_vector(n, seed);
        let y = gaussian_vector(n, seed ^ 3);
        let fit = simple_linear_regression(x.as_slice(), y.as_slice()).unwrap();
        let r = mathlings_stats::pearson_correlation(x.as_slice(), y.as_slice()).unwrap();
        prop_assert!((fit.r_squared - r * r).abs() <= IDENTITY_ABS);
        prop_assert!((0.0..=1.0 + IDENTITY_ABS).contains(&fit.r_squared));
    }
}

/// Exact recovery of any line through integer points (quickcheck: plain Arbitrary input).
#[test]
fn recovers_exact_lines() {
    fn law(a: i8, b: i8, xs: Vec<i8>) -> quickcheck::TestResult {
        let x: Vec<f64> = xs.iter().map(|&v| v as f64).collect();
        if x.len() < 2 || x.iter().all(|&v| v == x[0]) {
            return quickcheck::TestResult::discard();
        }
        let y: Vec<f64> = x.iter().map(|v| a as f64 + b as f64 * v).collect();
        let fit = simple_linear_regression(&x, &y).unwrap();
        quickcheck::TestResult::from_bool(
            (fit.slope - b as f64).abs() < 1e-9 && (fit.intercept - a as f64).abs() < 1e-8,
        )
    }
    quickcheck::QuickCheck::new()
        .tests(cases() as u64)
        .quickcheck(law as fn(i8, i8, Vec<i8>) -> quickcheck::TestResult);
}

#[test]
fn constant_x_is_rank_deficient() {
    assert!(matches!(
        simple_linear_regression(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]),
        Err(ModelError::RankDeficient { .. })
    ));
}
