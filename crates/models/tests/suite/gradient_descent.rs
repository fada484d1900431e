//! Linear regression by gradient descent agrees with the QR closed form (the oracle)
//! and its loss never increases for a safe learning rate.

use crate::common::*;
use mathlings_models::{LinearRegression, ModelError, linear_regression_gradient_descent};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

/// Standardised Gaussian features (z-scores) and a noisy target: the loss's Hessian is
/// the features' correlation matrix (with a 1 for the intercept), well conditioned.
fn problem(n: usize, p: usize, seed: u64) -> (DMatrix<f64>, DVector<f64>) {
    let raw = DMatrix::from_column_slice(n, p, gaussian_vector(n * p, seed).as_slice());
    let x = DMatrix::from_fn(n, p, |i, j| {
        let column = raw.column(j);
        (raw[(i, j)] - column.mean()) / column.variance().sqrt()
    });
    let y = &x * gaussian_vector(p, seed ^ 5)
        + gaussian_vector(n, seed ^ 6) * 0.3
        + DVector::from_element(n, 1.5);
    (x, y)
}

#[test]
fn agrees_with_closed_form_to_1e6() {
    let (x, y) = problem(50, 3, 42);
    let gd = linear_regression_gradient_descent(&x, &y, 0.1, 3000).unwrap();
    let ols = LinearRegression::default().fit(&x, &y).unwrap();
    let difference = (&gd.coefficients - &ols.coefficients)
        .amax()
        .max((gd.intercept - ols.intercept.unwrap()).abs());
    eprintln!("gradient descent vs closed form: max difference {difference:.1e}");
    assert!(difference <= GD_VS_CLOSED_FORM);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn converges_to_the_closed_form(n in 20usize..40, p in 1usize..4, seed in any::<u64>()) {
        let (x, y) = problem(n, p, seed);
        let gd = linear_regression_gradient_descent(&x, &y, 0.5, 3000).unwrap();
        let ols = LinearRegression::default().fit(&x, &y).unwrap();
        for j in 0..p {
            prop_assert!((gd.coefficients[j] - ols.coefficients[j]).abs() <= GD_VS_CLOSED_FORM);
        }
        prop_assert!((gd.intercept - ols.intercept.unwrap()).abs() <= GD_VS_CLOSED_FORM);
    }

    #[test]
    fn loss_never_increases(n in 10usize..40, p in 1usize..4, seed in any::<u64>()) {
        let (x, y) = problem(n, p, seed);
        let gd = linear_regression_gradient_descent(&x, &y, 0.1, 200).unwrap();
        prop_assert_eq!(gd.loss_history.len(), 200);
        for pair in gd.loss_history.windows(2) {
            prop_assert!(pair[1] <= pair[0] * (1.0 + 1e-12));
        }
    }
}

#[test]
fn too_large_a_step_is_reported_as_divergence() {
    let (x, y) = problem(20, 2, 1);
    assert!(matches!(
        linear_regression_gradient_descent(&x, &y, 50.0, 5000),
        Err(ModelError::NoConvergence { .. })
    ));
}
