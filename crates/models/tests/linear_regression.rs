//! OLS by QR: NIST StRD certified values (the published oracle), nalgebra's SVD
//! least squares on random designs, and the algebraic laws of least squares.

mod common;

use common::*;
use mathlings_models::{FittedLinearRegression, LinearRegression, ModelError, polynomial_design};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

fn fit_nist(problem: &NistProblem) -> FittedLinearRegression {
    let (x, intercept) = match problem.model.as_str() {
        "polynomial" => (
            polynomial_design(problem.predictors.column(0).as_slice(), problem.degree).unwrap(),
            true,
        ),
        "linear" => (problem.predictors.clone(), true),
        "no_intercept" => (problem.predictors.clone(), false),
        other => panic!("unknown model {other}"),
    };
    LinearRegression {
        fit_intercept: intercept,
    }
    .fit(&x, &problem.y)
    .unwrap()
}

/// The smallest number of correct digits over every certified quantity, with a report.
fn worst_digits(name: &str) -> f64 {
    let problem = nist(name);
    let fit = fit_nist(&problem);
    let estimates: Vec<f64> = fit
        .intercept
        .into_iter()
        .chain(fit.coefficients.iter().copied())
        .collect();
    let mut digits = vec![];
    for (k, (b, c)) in estimates.iter().zip(&problem.coefficients).enumerate() {
        digits.push((format!("B{k}"), lre(*b, *c)));
    }
    for (k, (s, c)) in fit
        .standard_errors
        .iter()
        .zip(&problem.standard_deviations)
        .enumerate()
    {
        digits.push((format!("sd(B{k})"), lre(*s, *c)));
    }
    digits.push((
        "residual sd".into(),
        lre(fit.residual_standard_deviation, problem.residual_sd),
    ));
    digits.push(("R²".into(), lre(fit.r_squared, problem.r_squared)));
    let worst = digits.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
    let per_kind = |prefix: &str| {
        digits
            .iter()
            .filter(|d| d.0.starts_with(prefix))
            .map(|d| d.1)
            .fold(f64::INFINITY, f64::min)
    };
    eprintln!(
        "{name:9} digits: coefficients {:.1}, standard errors {:.1}, residual sd {:.1}, R² {:.1}",
        per_kind("B"),
        per_kind("sd("),
        per_kind("residual"),
        per_kind("R²"),
    );
    assert_eq!(
        estimates.len(),
        problem.coefficients.len(),
        "{name}: parameter count"
    );
    worst
}

#[test]
fn nist_lower_and_average_difficulty_to_nine_digits() {
    for name in ["Norris", "Pontius", "NoInt1", "NoInt2", "Longley"] {
        let digits = worst_digits(name);
        assert!(
            digits >= NIST_MIN_DIGITS,
            "{name}: only {digits:.1} correct digits"
        );
    }
}

#[test]
fn nist_filip_and_wampler_to_seven_digits() {
    for name in [
        "Filip", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
    ] {
        let digits = worst_digits(name);
        assert!(
            digits >= NIST_MIN_DIGITS_HARD,
            "{name}: only {digits:.1} correct digits"
        );
    }
}

#[test]
fn nist_residual_degrees_of_freedom() {
    for name in NIST_PROBLEMS {
        let problem = nist(name);
        let fit = fit_nist(&problem);
        assert_eq!(
            fit.residual_degrees_of_freedom,
            problem.y.len() - problem.coefficients.len(),
            "{name}"
        );
    }
}

#[test]
fn duplicated_column_is_rank_deficient_not_dropped() {
    let problem = nist("Longley");
    let x = problem.predictors.clone().insert_column(6, 0.0);
    let mut x = x;
    let copy = x.column(2).into_owned();
    x.set_column(6, &copy);
    let result = LinearRegression::default().fit(&x, &problem.y);
    assert!(
        matches!(result, Err(ModelError::RankDeficient { columns: 8, .. })),
        "{result:?}"
    );

    // A duplicate of the implicit intercept column too.
    let ones = DMatrix::from_element(problem.y.len(), 1, 1.0);
    let result = LinearRegression::default().fit(&ones, &problem.y);
    assert!(matches!(
        result,
        Err(ModelError::RankDeficient {
            rank: 1,
            columns: 2
        })
    ));
}

#[test]
fn polynomial_design_matches_powi() {
    let x = [-2.5, 0.0, 1.0, 3.25];
    let design = polynomial_design(&x, 5).unwrap();
    for (i, xi) in x.iter().enumerate() {
        for j in 0..5 {
            assert_eq!(design[(i, j)], xi.powi(j as i32 + 1));
        }
    }
}

/// A random regression problem: κ(X) ≤ 1e3, Gaussian noise.
fn problem(n: usize, p: usize, seed: u64) -> (DMatrix<f64>, DVector<f64>) {
    let x = conditioned_design(n, p, 1e3, seed);
    let beta = gaussian_vector(p, seed ^ 0x5eed);
    let y = &x * beta + gaussian_vector(n, seed.wrapping_add(1)) * 0.1;
    (x, y)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn agrees_with_nalgebra_svd_least_squares(n in 3usize..20, p in 1usize..5, seed in any::<u64>()) {
        prop_assume!(n > p + 1);
        let (x, y) = problem(n, p, seed);
        let fit = LinearRegression { fit_intercept: false }.fit(&x, &y).unwrap();
        let oracle = x.clone().svd(true, true).solve(&y, 0.0).unwrap();
        for j in 0..p {
            prop_assert!((fit.coefficients[j] - oracle[j]).abs() <= OLS_VS_SVD_REL * oracle.amax().max(1.0));
        }
    }

    #[test]
    fn residuals_are_orthogonal_to_every_column(n in 4usize..25, p in 1usize..4, seed in any::<u64>()) {
        prop_assume!(n > p + 2);
        let (x, y) = problem(n, p, seed);
        let fit = LinearRegression::default().fit(&x, &y).unwrap();
        let residuals = &y - fit.predict(&x).unwrap();
        prop_assert!(residuals.sum().abs() <= IDENTITY_ABS * y.norm().max(1.0));
        for j in 0..p {
            prop_assert!(x.column(j).dot(&residuals).abs() <= IDENTITY_ABS * y.norm().max(1.0));
        }
    }

    #[test]
    fn recovers_noiseless_coefficients_exactly(n in 4usize..25, p in 1usize..4, seed in any::<u64>()) {
        prop_assume!(n > p + 1);
        let x = conditioned_design(n, p, 1e3, seed);
        let beta = gaussian_vector(p, seed ^ 1);
        let y = &x * &beta + DVector::from_element(n, 2.5);
        let fit = LinearRegression::default().fit(&x, &y).unwrap();
        prop_assert!((fit.intercept.unwrap() - 2.5).abs() <= OLS_VS_SVD_REL);
        for j in 0..p {
            prop_assert!((fit.coefficients[j] - beta[j]).abs() <= OLS_VS_SVD_REL * beta.amax().max(1.0));
        }
        prop_assert!((fit.r_squared - 1.0).abs() <= IDENTITY_ABS);
    }

    #[test]
    fn row_permutation_does_not_change_the_fit(n in 4usize..20, p in 1usize..4, seed in any::<u64>(), shift in 1usize..19) {
        prop_assume!(n > p + 2);
        let (x, y) = problem(n, p, seed);
        let order: Vec<usize> = (0..n).map(|i| (i + shift) % n).collect();
        let x2 = DMatrix::from_fn(n, p, |i, j| x[(order[i], j)]);
        let y2 = DVector::from_fn(n, |i, _| y[order[i]]);
        let a = LinearRegression::default().fit(&x, &y).unwrap();
        let b = LinearRegression::default().fit(&x2, &y2).unwrap();
        prop_assert!((a.intercept.unwrap() - b.intercept.unwrap()).abs() <= OLS_VS_SVD_REL);
        for j in 0..p {
            prop_assert!((a.coefficients[j] - b.coefficients[j]).abs() <= OLS_VS_SVD_REL * a.coefficients.amax().max(1.0));
            prop_assert!((a.standard_errors[j] - b.standard_errors[j]).abs() <= OLS_VS_SVD_REL * a.standard_errors.amax());
        }
        prop_assert!((a.r_squared - b.r_squared).abs() <= IDENTITY_ABS);
    }

    #[test]
    fn standard_errors_match_the_textbook_covariance(n in 5usize..25, p in 1usize..4, seed in any::<u64>()) {
        // Oracle: s²(XᵀX)⁻¹ with nalgebra's inverse (fine at κ ≤ 1e3).
        prop_assume!(n > p + 2);
        let (x, y) = problem(n, p, seed);
        let fit = LinearRegression { fit_intercept: false }.fit(&x, &y).unwrap();
        let inverse = (x.transpose() * &x).try_inverse().unwrap();
        let s2 = fit.residual_standard_deviation.powi(2);
        for j in 0..p {
            let oracle = (s2 * inverse[(j, j)]).sqrt();
            prop_assert!((fit.standard_errors[j] - oracle).abs() <= OLS_VS_SVD_REL * oracle.max(1e-300));
        }
    }
}
