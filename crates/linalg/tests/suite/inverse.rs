//! Gauss–Jordan inverse against nalgebra's try_inverse and A·A⁻¹ = I.

use crate::common::*;
use mathlings_linalg::{LinalgError, inverse};
use nalgebra::{DMatrix, dmatrix};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn inverse_matches_nalgebra((n, c, seed) in square_case()) {
        let a = conditioned_matrix(n, n, c, seed);
        let inv = inverse(&a).unwrap();
        let oracle = a.clone().try_inverse().unwrap();
        prop_assert!(relative_error(&inv, &oracle) <= FORWARD_PER_CONDITION * c);
        let identity = DMatrix::<f64>::identity(n, n);
        prop_assert!((&a * &inv - &identity).norm() <= FORWARD_PER_CONDITION * c);
    }
}

#[test]
fn known_inverse_and_singular() {
    let inv = inverse(&dmatrix![2.0, 0.0; 0.0, 4.0]).unwrap();
    assert_eq!(inv, dmatrix![0.5, 0.0; 0.0, 0.25]);
    // Hilbert-like rank-one matrix is singular.
    assert_eq!(
        inverse(&dmatrix![1.0, 2.0; 0.5, 1.0]),
        Err(LinalgError::Singular)
    );
}
