//! Gradient descent reaches the minimizer A⁻¹b of a convex quadratic (oracle: nalgebra's LU
//! solve) for η < 2/L and diverges with a typed error for η > 2/L (L from nalgebra's
//! symmetric eigen-decomposition).

use crate::common::*;
use mathlings_calculus::{CalculusError, gradient_descent};
use proptest::prelude::*;

/// Condition number of the test quadratics: GD needs about κ·ln(1/tol) ≈ 20·25 steps.
const CONDITION: f64 = 20.0;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn gradient_descent_reaches_the_minimizer((a, b) in spd_problem(5, CONDITION), fraction in 0.2..1.9_f64) {
        let l = largest_eigenvalue(&a);
        let x0 = vec![0.0; b.len()];
        let m = gradient_descent(quadratic_gradient(&a, &b), &x0, fraction / l, GRADIENT_TOL, 100_000).unwrap();
        let oracle = oracle_minimizer(&a, &b);
        prop_assert!(scaled_error(&m.x, oracle.as_slice()) <= MINIMIZER);
        prop_assert!(m.gradient_norm <= GRADIENT_TOL);
    }

    #[test]
    fn gradient_descent_diverges_above_two_over_l((a, b) in spd_problem(5, CONDITION), excess in 1.05..3.0_f64) {
        let l = largest_eigenvalue(&a);
        // Start off the minimizer with a component along every eigenvector.
        let x0: Vec<f64> = (0..b.len()).map(|i| 10.0 + i as f64).collect();
        let result = gradient_descent(quadratic_gradient(&a, &b), &x0, excess * 2.0 / l, GRADIENT_TOL, 100_000);
        prop_assert!(matches!(result, Err(CalculusError::NoConvergence { .. })), "{result:?}");
    }
}

#[test]
fn starting_at_the_minimizer_takes_no_step() {
    let m = gradient_descent(|x| vec![2.0 * x[0]], &[0.0], 0.1, GRADIENT_TOL, 10).unwrap();
    assert_eq!(m.iterations, 0);
    assert_eq!(m.x, vec![0.0]);
}
