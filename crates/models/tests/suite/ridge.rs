//! Ridge regression: the textbook closed form (XᵀX + λI)⁻¹Xᵀy via nalgebra's Cholesky
//! as oracle, λ = 0 equals OLS, and shrinkage as λ grows.

use crate::common::*;
use mathlings_models::{LinearRegression, Ridge};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

fn problem(n: usize, p: usize, seed: u64) -> (DMatrix<f64>, DVector<f64>) {
    let x = conditioned_design(n, p, 1e3, seed) + DMatrix::from_element(n, p, 3.0);
    let y = &x * gaussian_vector(p, seed ^ 2)
        + gaussian_vector(n, seed ^ 3)
        + DVector::from_element(n, 5.0);
    (x, y)
}

/// Oracle: centre, then solve (X_cᵀX_c + λI) β = X_cᵀ y_c with nalgebra's Cholesky.
fn closed_form(x: &DMatrix<f64>, y: &DVector<f64>, lambda: f64) -> (f64, DVector<f64>) {
    let (n, p) = x.shape();
    let x_mean = DVector::from_fn(p, |j, _| x.column(j).mean());
    let y_mean = y.mean();
    let xc = DMatrix::from_fn(n, p, |i, j| x[(i, j)] - x_mean[j]);
    let yc = y.add_scalar(-y_mean);
    let gram = xc.transpose() * &xc + DMatrix::identity(p, p) * lambda;
    let beta = gram.cholesky().unwrap().solve(&(xc.transpose() * yc));
    (y_mean - x_mean.dot(&beta), beta)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matches_the_closed_form(n in 3usize..25, p in 1usize..5, seed in any::<u64>(), log_lambda in -3.0f64..3.0) {
        prop_assume!(n > p + 1);
        let lambda = 10f64.powf(log_lambda);
        let (x, y) = problem(n, p, seed);
        let fit = Ridge { lambda, fit_intercept: true }.fit(&x, &y).unwrap();
        let (intercept, beta) = closed_form(&x, &y, lambda);
        let scale = beta.amax().max(1.0);
        for j in 0..p {
            prop_assert!((fit.coefficients[j] - beta[j]).abs() <= RIDGE_VS_NORMAL_EQUATIONS_REL * scale);
        }
        prop_assert!((fit.intercept.unwrap() - intercept).abs() <= RIDGE_VS_NORMAL_EQUATIONS_REL * intercept.abs().max(scale));
    }

    #[test]
    fn lambda_zero_is_ordinary_least_squares(n in 4usize..25, p in 1usize..4, seed in any::<u64>()) {
        prop_assume!(n > p + 1);
        let (x, y) = problem(n, p, seed);
        let ridge = Ridge { lambda: 0.0, fit_intercept: true }.fit(&x, &y).unwrap();
        let ols = LinearRegression::default().fit(&x, &y).unwrap();
        for j in 0..p {
            prop_assert!((ridge.coefficients[j] - ols.coefficients[j]).abs() <= OLS_VS_SVD_REL * ols.coefficients.amax().max(1.0));
        }
        prop_assert!((ridge.intercept.unwrap() - ols.intercept.unwrap()).abs() <= OLS_VS_SVD_REL * ols.intercept.unwrap().abs().max(1.0) * 10.0);
    }

    #[test]
    fn larger_penalty_shrinks_the_coefficients(n in 4usize..25, p in 1usize..4, seed in any::<u64>(), lambda in 0.01f64..10.0) {
        prop_assume!(n > p + 1);
        let (x, y) = problem(n, p, seed);
        let small = Ridge { lambda, fit_intercept: true }.fit(&x, &y).unwrap();
        let large = Ridge { lambda: lambda * 10.0, fit_intercept: true }.fit(&x, &y).unwrap();
        prop_assert!(large.coefficients.norm() <= small.coefficients.norm() * (1.0 + 1e-12));
    }

    #[test]
    fn without_intercept_matches_the_uncentred_closed_form(n in 2usize..20, p in 1usize..4, seed in any::<u64>(), lambda in 0.01f64..10.0) {
        let (x, y) = problem(n.max(p), p, seed);
        let fit = Ridge { lambda, fit_intercept: false }.fit(&x, &y).unwrap();
        let gram = x.transpose() * &x + DMatrix::identity(p, p) * lambda;
        let beta = gram.cholesky().unwrap().solve(&(x.transpose() * &y));
        for j in 0..p {
            prop_assert!((fit.coefficients[j] - beta[j]).abs() <= RIDGE_VS_NORMAL_EQUATIONS_REL * beta.amax().max(1.0));
        }
        prop_assert!(fit.intercept.is_none());
    }
}

#[test]
fn intercept_is_not_penalised() {
    // Shifting y by a constant moves only the intercept, whatever λ.
    let (x, y) = problem(12, 2, 5);
    let a = Ridge {
        lambda: 100.0,
        fit_intercept: true,
    }
    .fit(&x, &y)
    .unwrap();
    let b = Ridge {
        lambda: 100.0,
        fit_intercept: true,
    }
    .fit(&x, &y.add_scalar(1000.0))
    .unwrap();
    assert!((b.intercept.unwrap() - a.intercept.unwrap() - 1000.0).abs() < 1e-9);
    assert!((&a.coefficients - &b.coefficients).amax() < 1e-12);
}
