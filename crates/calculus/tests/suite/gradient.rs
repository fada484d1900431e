//! The numerical gradient against analytic gradients: ∇(½xᵀAx) = ½(A + Aᵀ)x for any square
//! A, and the Rosenbrock function.

use crate::common::*;
use mathlings_calculus::{numerical_gradient, optimal_central_step};
use nalgebra::DVector;
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn gradient_of_a_quadratic_form_is_the_symmetric_part_times_x(
        (a, x) in (1..=6_usize).prop_flat_map(|n| (matrix(n, n, 2.0), vector(n, 2.0))),
    ) {
        let f = |p: &[f64]| {
            let p = DVector::from_column_slice(p);
            0.5 * p.dot(&(&a * &p))
        };
        // Quadratics have no truncation error, so a large step only reduces round-off.
        let g = numerical_gradient(f, &x, 1e-3).unwrap();
        let expected = (&a + a.transpose()) * DVector::from_column_slice(&x) * 0.5;
        let error = scaled_error(&g, expected.as_slice());
        prop_assert!(error <= QUADRATIC_DIFFERENCE, "error {error}");
    }

    #[test]
    fn gradient_of_rosenbrock_matches_the_analytic_gradient(x in real(2.0), y in real(2.0)) {
        let g = numerical_gradient(rosenbrock, &[x, y], optimal_central_step(2.0)).unwrap();
        let error = scaled_error(&g, &rosenbrock_gradient(&[x, y]));
        prop_assert!(error <= GRADIENT_CHECK, "error {error}");
    }
}
