//! The convexity test: PSD quadratics, log-sum-exp, exp of a linear form and linear
//! functions (even with large values) are convex; sin, saddles, concave quadratics and the
//! double well near its hump are not. The oracle for random quadratics is the sign of the
//! smallest eigenvalue by nalgebra.

use crate::common::*;
use mathlings_calculus::{is_convex_on, optimal_hessian_step};
use nalgebra::DVector;
use proptest::prelude::*;

fn sample_points(n: usize) -> impl Strategy<Value = Vec<Vec<f64>>> {
    prop::collection::vec(vector(n, 3.0), 1..=5)
}

proptest! {
    #![proptest_config(config())]

    /// A quadratic ½xᵀAx is convex iff A is PSD: eigenvalues chosen ≥ 0.1 (convex) or with
    /// one ≤ −0.1 (not convex), checked against nalgebra's smallest eigenvalue.
    #[test]
    fn quadratics_are_convex_exactly_when_psd(
        (q, eigenvalues, points) in (1..=4_usize).prop_flat_map(|n| (
            orthogonal(n),
            prop::collection::vec(prop_oneof![0.1..10.0_f64, -10.0..-0.1_f64], n),
            sample_points(n),
        )),
    ) {
        let a = with_eigenvalues(&q, &eigenvalues);
        let f = |p: &[f64]| {
            let p = DVector::from_column_slice(p);
            0.5 * p.dot(&(&a * &p))
        };
        let convex = is_convex_on(f, &points, optimal_hessian_step(3.0)).unwrap();
        prop_assert_eq!(convex, smallest_eigenvalue(&a) > 0.0);
    }

    #[test]
    fn log_sum_exp_and_exp_of_a_linear_form_are_convex(
        (w, points) in (1..=4_usize).prop_flat_map(|n| (vector(n, 1.0), sample_points(n))),
    ) {
        let log_sum_exp = |p: &[f64]| p.iter().map(|v| v.exp()).sum::<f64>().ln();
        let exp_linear = |p: &[f64]| p.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>().exp();
        let h = optimal_hessian_step(3.0);
        prop_assert!(is_convex_on(log_sum_exp, &points, h).unwrap());
        prop_assert!(is_convex_on(exp_linear, &points, h).unwrap());
    }

    /// A linear function has H = 0: only round-off, which the tolerance must absorb even
    /// when f is large (1e6) and h small.
    #[test]
    fn linear_functions_are_convex(
        (w, points) in (1..=4_usize).prop_flat_map(|n| (vector(n, 1e3), sample_points(n))),
        offset in real(1e6),
    ) {
        let linear = |p: &[f64]| offset + p.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>();
        prop_assert!(is_convex_on(linear, &points, optimal_hessian_step(3.0)).unwrap());
    }
}

#[test]
fn non_convex_functions_are_detected() {
    let h = optimal_hessian_step(1.0);
    let points = vec![vec![0.3, -0.2], vec![1.0, 1.0]];
    assert_eq!(
        is_convex_on(|p| p[0].sin() + p[1] * p[1], &points, h),
        Ok(false)
    );
    assert_eq!(
        is_convex_on(|p| p[0] * p[0] - p[1] * p[1], &points, h),
        Ok(false)
    );
    assert_eq!(
        is_convex_on(|p| -(p[0] * p[0]) - p[1] * p[1], &points, h),
        Ok(false)
    );
    // The double well (x² − 1)² is convex for |x| ≥ 1/√3 but not at its hump x = 0.
    let well = |p: &[f64]| (p[0] * p[0] - 1.0).powi(2);
    assert_eq!(is_convex_on(well, &[vec![1.0], vec![2.0]], h), Ok(true));
    assert_eq!(is_convex_on(well, &[vec![1.0], vec![0.0]], h), Ok(false));
}
