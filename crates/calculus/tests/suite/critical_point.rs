//! Classifying critical points: x² + y² (minimum), x² − y² (saddle), −x² − y² (maximum),
//! x⁴ + y⁴ (degenerate), from analytic and from finite-difference Hessians; random
//! symmetric matrices with eigenvalue signs known by construction; scale invariance.

use crate::common::*;
use mathlings_calculus::{
    CriticalPoint, classify_critical_point, classify_critical_point_with_tolerance, hessian,
    optimal_hessian_step,
};
use nalgebra::DMatrix;
use proptest::prelude::*;

fn diagonal(a: f64, b: f64) -> DMatrix<f64> {
    DMatrix::from_row_slice(2, 2, &[a, 0.0, 0.0, b])
}

#[test]
fn the_four_textbook_examples_from_analytic_hessians() {
    assert_eq!(
        classify_critical_point(&diagonal(2.0, 2.0)),
        Ok(CriticalPoint::Minimum)
    );
    assert_eq!(
        classify_critical_point(&diagonal(2.0, -2.0)),
        Ok(CriticalPoint::Saddle)
    );
    assert_eq!(
        classify_critical_point(&diagonal(-2.0, -2.0)),
        Ok(CriticalPoint::Maximum)
    );
    // x⁴ + y⁴: H(0) = 12·diag(x², y²) = 0.
    assert_eq!(
        classify_critical_point(&diagonal(0.0, 0.0)),
        Ok(CriticalPoint::Degenerate)
    );
    // x² + y⁴: one positive, one zero curvature.
    assert_eq!(
        classify_critical_point(&diagonal(2.0, 0.0)),
        Ok(CriticalPoint::Degenerate)
    );
    // x² − y² + z⁴: a saddle even though one curvature is zero.
    let h = DMatrix::from_diagonal(&nalgebra::dvector![2.0, -2.0, 0.0]);
    assert_eq!(classify_critical_point(&h), Ok(CriticalPoint::Saddle));
}

#[test]
fn the_four_textbook_examples_from_finite_difference_hessians() {
    let h = optimal_hessian_step(0.0);
    let at_origin = |f: fn(&[f64]) -> f64| hessian(f, &[0.0, 0.0], h).unwrap();
    let bowl = at_origin(|p| p[0] * p[0] + p[1] * p[1]);
    let saddle = at_origin(|p| p[0] * p[0] - p[1] * p[1]);
    let cap = at_origin(|p| -p[0] * p[0] - p[1] * p[1]);
    let flat = at_origin(|p| p[0].powi(4) + p[1].powi(4));
    assert_eq!(classify_critical_point(&bowl), Ok(CriticalPoint::Minimum));
    assert_eq!(classify_critical_point(&saddle), Ok(CriticalPoint::Saddle));
    assert_eq!(classify_critical_point(&cap), Ok(CriticalPoint::Maximum));
    // The second difference of x⁴ at 0 is 2h² ≈ 3e-8, not 0: with an absolute tolerance
    // above the finite-difference error (HESSIAN_CHECK) the test is inconclusive, as it must be.
    assert_eq!(
        classify_critical_point_with_tolerance(&flat, HESSIAN_CHECK),
        Ok(CriticalPoint::Degenerate)
    );
    assert_eq!(
        classify_critical_point_with_tolerance(&bowl, HESSIAN_CHECK),
        Ok(CriticalPoint::Minimum)
    );
}

/// Eigenvalues with chosen signs: magnitudes in [0.1, 10], or exactly 0.
fn signed_eigenvalues(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec((0..3_u8, 0.1..10.0_f64), n).prop_map(|v| {
        v.into_iter()
            .map(|(sign, m)| match sign {
                0 => -m,
                1 => 0.0,
                _ => m,
            })
            .collect()
    })
}

fn expected_kind(eigenvalues: &[f64]) -> CriticalPoint {
    let positive = eigenvalues.iter().any(|&l| l > 0.0);
    let negative = eigenvalues.iter().any(|&l| l < 0.0);
    let zero = eigenvalues.contains(&0.0);
    if positive && negative {
        CriticalPoint::Saddle
    } else if zero {
        CriticalPoint::Degenerate
    } else if positive {
        CriticalPoint::Minimum
    } else {
        CriticalPoint::Maximum
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn classification_follows_the_eigenvalue_signs(
        (q, eigenvalues) in (1..=6_usize).prop_flat_map(|n| (orthogonal(n), signed_eigenvalues(n))),
        scale in prop::sample::select(vec![1e-6, 1.0, 1e6]),
    ) {
        prop_assume!(eigenvalues.iter().any(|&l| l != 0.0));
        let h = with_eigenvalues(&q, &eigenvalues) * scale;
        // The construction fixes the answer; nalgebra's eigenvalues agree on the signs.
        let expected = expected_kind(&eigenvalues);
        prop_assert_eq!(classify_critical_point(&h), Ok(expected));
        let oracle = h.clone().symmetric_eigen().eigenvalues;
        let largest = oracle.amax();
        let oracle_signs: Vec<f64> = oracle.iter()
            .map(|&l| if l.abs() <= ORACLE_ZERO_EIGENVALUE * largest { 0.0 } else { l.signum() })
            .collect();
        prop_assert_eq!(expected_kind(&oracle_signs), expected);
    }
}
