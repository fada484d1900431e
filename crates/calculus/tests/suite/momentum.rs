//! Momentum reaches the minimizer of a convex quadratic (oracle: nalgebra's LU solve) and
//! needs fewer iterations than plain gradient descent on an ill-conditioned quadratic.

use crate::common::*;
use mathlings_calculus::{gradient_descent, momentum};
use proptest::prelude::*;

/// Condition number of the ill-conditioned test quadratics.
const CONDITION: f64 = 100.0;

proptest! {
    #![proptest_config(config())]

    /// With the textbook parameters (η = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))²) momentum
    /// converges in O(√κ) steps; plain GD with its best η = 2/(L + μ) needs O(κ).
    #[test]
    fn momentum_beats_gradient_descent_on_an_ill_conditioned_quadratic(
        (q, b) in (2..=5_usize).prop_flat_map(|n| (orthogonal(n), vector(n, 5.0))),
    ) {
        let n = b.len();
        // Eigenvalues spread from 1 to κ, both ends present.
        let eigenvalues: Vec<f64> = (0..n).map(|i| CONDITION.powf(i as f64 / (n - 1) as f64)).collect();
        let a = with_eigenvalues(&q, &eigenvalues);
        let b = nalgebra::DVector::from_column_slice(&b);
        let (l, mu) = (largest_eigenvalue(&a), smallest_eigenvalue(&a));
        let grad = quadratic_gradient(&a, &b);
        let x0 = vec![0.0; n];

        let plain = gradient_descent(grad.clone(), &x0, 2.0 / (l + mu), GRADIENT_TOL, 100_000).unwrap();
        let rate = 4.0 / (l.sqrt() + mu.sqrt()).powi(2);
        let beta = ((CONDITION.sqrt() - 1.0) / (CONDITION.sqrt() + 1.0)).powi(2);
        let heavy = momentum(grad, &x0, rate, beta, GRADIENT_TOL, 100_000).unwrap();

        let oracle = oracle_minimizer(&a, &b);
        prop_assert!(scaled_error(&heavy.x, oracle.as_slice()) <= MINIMIZER);
        prop_assert!(heavy.iterations < plain.iterations,
            "momentum {} vs plain {}", heavy.iterations, plain.iterations);
    }

    #[test]
    fn momentum_with_zero_beta_is_gradient_descent((a, b) in spd_problem(4, 10.0)) {
        let l = largest_eigenvalue(&a);
        let x0 = vec![1.0; b.len()];
        let grad = quadratic_gradient(&a, &b);
        let plain = gradient_descent(grad.clone(), &x0, 1.0 / l, GRADIENT_TOL, 100_000).unwrap();
        let heavy = momentum(grad, &x0, 1.0 / l, 0.0, GRADIENT_TOL, 100_000).unwrap();
        prop_assert_eq!(plain.x, heavy.x);
        prop_assert_eq!(plain.iterations, heavy.iterations);
    }
}
