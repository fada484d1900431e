//! Adam reaches the minimizer of a convex quadratic (oracle: nalgebra's LU solve), and its
//! bias-corrected first step is exactly η·g/(|g| + ε) per coordinate (an identity of the
//! update rule).

use std::cell::RefCell;

use crate::common::*;
use mathlings_calculus::adam;
use proptest::prelude::*;

/// Adam's usual hyper-parameters (Kingma & Ba, 2015).
const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;
const EPSILON: f64 = 1e-8;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn adam_reaches_the_minimizer((a, b) in spd_problem(4, 10.0)) {
        let x0 = vec![0.0; b.len()];
        let m = adam(quadratic_gradient(&a, &b), &x0, 0.05, BETA1, BETA2, EPSILON, GRADIENT_TOL, 200_000).unwrap();
        let oracle = oracle_minimizer(&a, &b);
        prop_assert!(scaled_error(&m.x, oracle.as_slice()) <= MINIMIZER, "{:?} vs {oracle}", m.x);
    }

    #[test]
    fn adam_first_step_is_the_learning_rate_times_the_gradient_sign(
        g in vector(3, 10.0), rate in 0.001..0.5_f64,
    ) {
        prop_assume!(g.iter().all(|gi| gi.abs() > 1e-3));
        // A constant gradient; record every point Adam asks about.
        let visited = RefCell::new(Vec::new());
        let grad = |x: &[f64]| {
            visited.borrow_mut().push(x.to_vec());
            g.clone()
        };
        let _ = adam(grad, &[0.0, 0.0, 0.0], rate, BETA1, BETA2, EPSILON, GRADIENT_TOL, 1);
        let visited = visited.into_inner();
        prop_assert_eq!(visited.len(), 2);
        for (x1, gi) in visited[1].iter().zip(&g) {
            let expected = -rate * gi / (gi.abs() + EPSILON);
            prop_assert!((x1 - expected).abs() <= ROUND_OFF * expected.abs());
        }
    }
}
