//! Forward and central differences against analytic derivatives, and their orders of
//! convergence (error ratio ≈ 2 vs ≈ 4 when h is halved).

use crate::common::*;
use mathlings_calculus::{
    central_difference, forward_difference, optimal_central_step, optimal_forward_step,
};
use proptest::prelude::*;
use quickcheck::{TestResult, quickcheck};

/// A real function of a real variable.
type RealFn = Box<dyn Fn(f64) -> f64>;

/// Test functions with their analytic derivatives (the oracle).
fn cases_with_derivatives(a: f64) -> Vec<(RealFn, RealFn)> {
    vec![
        (Box::new(f64::sin), Box::new(f64::cos)),
        (
            Box::new(move |x: f64| (a * x).exp()),
            Box::new(move |x: f64| a * (a * x).exp()),
        ),
        (
            Box::new(|x: f64| x.powi(3) - 2.0 * x),
            Box::new(|x: f64| 3.0 * x * x - 2.0),
        ),
        (
            Box::new(|x: f64| (1.0 + x * x).ln()),
            Box::new(|x: f64| 2.0 * x / (1.0 + x * x)),
        ),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn central_difference_at_the_optimal_step_matches_the_analytic_derivative(
        x in real(3.0), a in 0.5..1.5_f64,
    ) {
        for (f, df) in cases_with_derivatives(a) {
            let estimate = central_difference(&f, x, optimal_central_step(x)).unwrap();
            let exact = df(x);
            prop_assert!((estimate - exact).abs() <= CENTRAL_AT_OPTIMAL_STEP * (1.0 + exact.abs()),
                "x = {x}: {estimate} vs {exact}");
        }
    }

    #[test]
    fn forward_difference_at_the_optimal_step_matches_the_analytic_derivative(
        x in real(3.0), a in 0.5..1.5_f64,
    ) {
        for (f, df) in cases_with_derivatives(a) {
            let estimate = forward_difference(&f, x, optimal_forward_step(x)).unwrap();
            let exact = df(x);
            prop_assert!((estimate - exact).abs() <= FORWARD_AT_OPTIMAL_STEP * (1.0 + exact.abs()),
                "x = {x}: {estimate} vs {exact}");
        }
    }

    /// Halving h halves the forward error (O(h)) and quarters the central error (O(h²)).
    #[test]
    fn halving_h_divides_the_error_by_two_forward_and_four_central(
        x in real(1.0), a in 0.5..2.0_f64,
    ) {
        let f = |t: f64| (a * t).exp();
        let exact = a * (a * x).exp();
        let (h, half) = (1e-2, 5e-3);
        let forward_ratio = (forward_difference(f, x, h).unwrap() - exact).abs()
            / (forward_difference(f, x, half).unwrap() - exact).abs();
        let central_ratio = (central_difference(f, x, h).unwrap() - exact).abs()
            / (central_difference(f, x, half).unwrap() - exact).abs();
        prop_assert!((forward_ratio - 2.0).abs() <= 2.0 * ORDER_RATIO_SLACK, "forward {forward_ratio}");
        prop_assert!((central_ratio - 4.0).abs() <= 4.0 * ORDER_RATIO_SLACK, "central {central_ratio}");
    }

    /// Too small a step is worse than the optimal one: round-off takes over (the
    /// misconception "smaller h is always better").
    #[test]
    fn a_tiny_step_loses_to_the_optimal_step(x in 0.5..3.0_f64) {
        let exact = x.cos();
        let optimal = (central_difference(f64::sin, x, optimal_central_step(x)).unwrap() - exact).abs();
        let tiny = (central_difference(f64::sin, x, 1e-13 * x).unwrap() - exact).abs();
        prop_assert!(tiny > optimal, "tiny {tiny} vs optimal {optimal}");
    }
}

quickcheck! {
    /// Central differences have no truncation error on quadratics: any h gives the exact
    /// slope 2ax + b up to round-off.
    fn central_difference_is_exact_on_quadratics(a: i8, b: i8, c: i8, x: i8, h: u8) -> TestResult {
        if h == 0 {
            return TestResult::discard();
        }
        let (a, b, c, x) = (f64::from(a), f64::from(b), f64::from(c), f64::from(x) / 4.0);
        let h = f64::from(h) / 64.0;
        let slope = central_difference(|t| a * t * t + b * t + c, x, h).unwrap();
        let exact = 2.0 * a * x + b;
        TestResult::from_bool((slope - exact).abs() <= QUADRATIC_DIFFERENCE * (1.0 + exact.abs()))
    }

    /// Forward differences have no truncation error on lines.
    fn forward_difference_is_exact_on_lines(a: i8, b: i8, x: i8, h: u8) -> TestResult {
        if h == 0 {
            return TestResult::discard();
        }
        let (a, b, x, h) = (f64::from(a), f64::from(b), f64::from(x) / 4.0, f64::from(h) / 64.0);
        let slope = forward_difference(|t| a * t + b, x, h).unwrap();
        TestResult::from_bool((slope - a).abs() <= QUADRATIC_DIFFERENCE * (1.0 + a.abs()))
    }
}

#[test]
fn optimal_steps_follow_their_rules() {
    assert_eq!(optimal_central_step(0.5), f64::EPSILON.cbrt());
    assert_eq!(optimal_central_step(-8.0), 8.0 * f64::EPSILON.cbrt());
    assert_eq!(optimal_forward_step(0.0), f64::EPSILON.sqrt());
    assert_eq!(optimal_forward_step(1e6), 1e6 * f64::EPSILON.sqrt());
    // Scaling with |x| keeps x ± h distinct from x far from 0.
    let x = 1e12;
    assert!(central_difference(|t| t * t, x, optimal_central_step(x)).is_ok());
}
