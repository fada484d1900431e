//! Newton's method: one step on a convex quadratic (oracle: nalgebra's LU solve), quadratic
//! convergence to the Rosenbrock minimum (1, 1), a typed error for a singular Hessian.

use crate::common::*;
use mathlings_calculus::{CalculusError, newton_method};
use nalgebra::DMatrix;
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn newton_solves_a_quadratic_in_one_step((a, b) in spd_problem(6, 1e4), x0 in vector(6, 10.0)) {
        let x0 = &x0[..b.len()];
        let hess = |_: &[f64]| a.clone();
        let m = newton_method(quadratic_gradient(&a, &b), hess, x0, NEWTON_GRADIENT_TOL, 10).unwrap();
        prop_assert_eq!(m.iterations, 1);
        let oracle = oracle_minimizer(&a, &b);
        prop_assert!(scaled_error(&m.x, oracle.as_slice()) <= MINIMIZER);
    }
}

#[test]
fn newton_finds_the_rosenbrock_minimum() {
    let m = newton_method(
        rosenbrock_gradient,
        rosenbrock_hessian,
        &[-1.2, 1.0],
        GRADIENT_TOL,
        50,
    )
    .unwrap();
    assert!(scaled_error(&m.x, &[1.0, 1.0]) <= MINIMIZER, "{:?}", m.x);
    // Pure Newton from the classic start takes a handful of steps (quadratic convergence).
    assert!(m.iterations <= 10, "{} iterations", m.iterations);
}

#[test]
fn newton_reports_a_singular_hessian() {
    let grad = |p: &[f64]| vec![p[0] + p[1], p[0] + p[1]];
    let hess = |_: &[f64]| DMatrix::from_element(2, 2, 1.0);
    assert_eq!(
        newton_method(grad, hess, &[1.0, 2.0], GRADIENT_TOL, 10),
        Err(CalculusError::Singular)
    );
}
