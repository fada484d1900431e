//! Armijo backtracking: the sufficient-decrease condition holds at the returned step, and
//! the step is the first of α₀·shrinkᵏ that satisfies it (the previous one does not).

use crate::common::*;
use mathlings_calculus::armijo_backtracking;
use proptest::prelude::*;

/// f(x + αd) ≤ f(x) + c·α·∇f(x)ᵀd, evaluated independently of the implementation.
fn armijo_holds(
    f: &impl Fn(&[f64]) -> f64,
    g: &[f64],
    x: &[f64],
    d: &[f64],
    alpha: f64,
    c: f64,
) -> bool {
    let trial: Vec<f64> = x.iter().zip(d).map(|(xi, di)| xi + alpha * di).collect();
    let slope: f64 = g.iter().zip(d).map(|(gi, di)| gi * di).sum();
    f(&trial) <= f(x) + c * alpha * slope
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn armijo_condition_holds_and_the_step_is_the_first_that_passes(
        x in vector(2, 2.0),
        turn in -1.2..1.2_f64,
        initial_step in 0.01..10.0_f64,
        c in 1e-4..0.5_f64,
        shrink in 0.1..0.9_f64,
    ) {
        let g = rosenbrock_gradient(&x);
        prop_assume!(g.iter().any(|gi| gi.abs() > 1e-6));
        // A descent direction: −g turned by less than 90°.
        let (s, co) = turn.sin_cos();
        let d = vec![-(co * g[0] - s * g[1]), -(s * g[0] + co * g[1])];
        let alpha = armijo_backtracking(rosenbrock, &g, &x, &d, initial_step, c, shrink).unwrap();
        prop_assert!(alpha > 0.0 && alpha <= initial_step);
        prop_assert!(armijo_holds(&rosenbrock, &g, &x, &d, alpha, c));
        if alpha < initial_step {
            prop_assert!(!armijo_holds(&rosenbrock, &g, &x, &d, alpha / shrink, c));
        }
    }

    #[test]
    fn armijo_on_a_quadratic_accepts_at_most_the_exact_line_minimizer_times_two((a, b) in spd_problem(4, 50.0)) {
        let f = quadratic(&a, &b);
        let grad = quadratic_gradient(&a, &b);
        let x = vec![1.0; b.len()];
        let g = grad(&x);
        let d: Vec<f64> = g.iter().map(|gi| -gi).collect();
        let alpha = armijo_backtracking(&f, &g, &x, &d, 1.0, 0.5, 0.5).unwrap();
        prop_assert!(armijo_holds(&f, &g, &x, &d, alpha, 0.5));
        // With c = ½ Armijo accepts exactly the steps up to the exact line minimizer
        // α* = gᵀg / gᵀAg (a property of quadratics).
        let gv = nalgebra::DVector::from_column_slice(&g);
        let exact = gv.dot(&gv) / gv.dot(&(&a * &gv));
        prop_assert!(alpha <= exact * (1.0 + ROUND_OFF));
    }
}
