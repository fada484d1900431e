//! The Hessian: exactly symmetric; (A + Aᵀ)/2 for ½xᵀAx; the analytic Hessians of
//! exp(aᵀx) and Rosenbrock.

use crate::common::*;
use mathlings_calculus::{hessian, optimal_hessian_step};
use nalgebra::DVector;
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn hessian_of_a_quadratic_form_is_the_symmetric_part(
        (a, x) in (1..=5_usize).prop_flat_map(|n| (matrix(n, n, 2.0), vector(n, 2.0))),
    ) {
        let f = |p: &[f64]| {
            let p = DVector::from_column_slice(p);
            0.5 * p.dot(&(&a * &p))
        };
        let h = hessian(f, &x, 1e-2).unwrap();
        let expected = (&a + a.transpose()) * 0.5;
        prop_assert!(scaled_error(h.as_slice(), expected.as_slice()) <= HESSIAN_CHECK);
        prop_assert_eq!(&h, &h.transpose());
    }

    #[test]
    fn hessian_of_exp_of_a_linear_form_is_the_outer_product(
        (a, x) in (1..=4_usize).prop_flat_map(|n| (vector(n, 1.0), vector(n, 1.0))),
    ) {
        let av = DVector::from_column_slice(&a);
        let f = |p: &[f64]| av.dot(&DVector::from_column_slice(p)).exp();
        let h = hessian(f, &x, optimal_hessian_step(1.0)).unwrap();
        let expected = &av * av.transpose() * f(&x);
        prop_assert!(scaled_error(h.as_slice(), expected.as_slice()) <= HESSIAN_CHECK);
        prop_assert_eq!(&h, &h.transpose());
    }

    #[test]
    fn hessian_of_rosenbrock_matches_the_analytic_hessian(x in real(1.5), y in real(1.5)) {
        let h = hessian(rosenbrock, &[x, y], optimal_hessian_step(1.5)).unwrap();
        let expected = rosenbrock_hessian(&[x, y]);
        // Entries reach ~2000 here: compare relative to the largest.
        let error = (&h - &expected).amax() / expected.amax();
        prop_assert!(error <= HESSIAN_CHECK, "error {error}");
        prop_assert_eq!(&h, &h.transpose());
    }
}
