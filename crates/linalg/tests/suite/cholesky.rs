//! Cholesky against nalgebra's Cholesky and the identity A = L Lᵀ.

use crate::common::*;
use mathlings_linalg::{LinalgError, cholesky};
use nalgebra::{DMatrix, dmatrix};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matches_nalgebra((n, c, seed) in square_case()) {
        // SPD with condition c: Q diag(σ) Qᵀ.
        let q = random_orthogonal(n, seed);
        let sigma = DMatrix::from_fn(n, n, |i, j| if i == j { c.powf(-(i as f64) / (n.max(2) - 1) as f64) } else { 0.0 });
        let a = &q * sigma * q.transpose();
        let a = (&a + a.transpose()) * 0.5;
        let l = cholesky(&a).unwrap();
        let oracle = a.clone().cholesky().unwrap().l();
        prop_assert!(relative_error(&l, &oracle) <= FORWARD_PER_CONDITION * c.sqrt());
        prop_assert!(relative_error(&(&l * l.transpose()), &a) <= BACKWARD);
        prop_assert_eq!(l.upper_triangle(), DMatrix::from_diagonal(&l.diagonal()));
    }
}

#[test]
fn known_factor_and_indefinite() {
    let l = cholesky(&dmatrix![4.0, 12.0, -16.0; 12.0, 37.0, -43.0; -16.0, -43.0, 98.0]).unwrap();
    // Textbook example (Wikipedia "Cholesky decomposition"): L = [2 0 0; 6 1 0; −8 5 3].
    assert_eq!(l, dmatrix![2.0, 0.0, 0.0; 6.0, 1.0, 0.0; -8.0, 5.0, 3.0]);
    assert_eq!(
        cholesky(&dmatrix![0.0, 0.0; 0.0, 1.0]),
        Err(LinalgError::NotPositiveDefinite)
    );
    assert_eq!(
        cholesky(&dmatrix![-1.0]),
        Err(LinalgError::NotPositiveDefinite)
    );
}
