//! Power iteration against nalgebra's symmetric_eigen on matrices with a clear
//! dominant eigenvalue.

use crate::common::*;
use mathlings_linalg::power_iteration;
use nalgebra::{DMatrix, dmatrix};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    /// Q diag(λ) Qᵀ with |λ₁/λ₀| ≤ 0.5: converges fast and agrees with the oracle.
    #[test]
    fn finds_dominant_pair(n in 1usize..=8, seed in any::<u64>(), negative in any::<bool>()) {
        let q = random_orthogonal(n, seed);
        let top = if negative { -4.0 } else { 4.0 };
        let lambdas: Vec<f64> = (0..n).map(|i| if i == 0 { top } else { 2.0 / (i as f64 + 1.0) }).collect();
        let a = &q * DMatrix::from_fn(n, n, |i, j| if i == j { lambdas[i] } else { 0.0 }) * q.transpose();
        let r = power_iteration(&a, 1e-13, 10_000).unwrap();
        let oracle = a.clone().symmetric_eigen();
        let k = oracle.eigenvalues.iamax();
        prop_assert!((r.eigenvalue - oracle.eigenvalues[k]).abs() <= POWER_ITERATION * 4.0);
        let v = oracle.eigenvectors.column(k);
        prop_assert!((r.eigenvector.dot(&v).abs() - 1.0).abs() <= POWER_ITERATION);
    }
}

#[test]
fn non_symmetric_dominant_eigenvalue() {
    // Eigenvalues 5 and 2 (trace 7, det 10); eigenvector of 5 is (1, 1)/√2.
    let r = power_iteration(&dmatrix![4.0, 1.0; 2.0, 3.0], 1e-13, 1000).unwrap();
    assert!((r.eigenvalue - 5.0).abs() <= POWER_ITERATION);
    assert!((r.eigenvector[0] - 0.5f64.sqrt()).abs() <= POWER_ITERATION);
}
