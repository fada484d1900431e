//! Jacobi eigen-decomposition against nalgebra's symmetric_eigen, plus A V = V Λ,
//! orthonormality, ordering and sign convention.

use crate::common::*;
use mathlings_linalg::symmetric_eigen;
use nalgebra::{DMatrix, DVector, dmatrix, dvector};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matches_nalgebra(n in 1usize..=8, seed in any::<u64>(), scale in -3.0f64..3.0) {
        let a = random_symmetric(n, seed) * 10f64.powf(scale);
        let e = symmetric_eigen(&a).unwrap();
        let mut oracle: Vec<f64> = a.clone().symmetric_eigen().eigenvalues.iter().copied().collect();
        oracle.sort_by(|x, y| y.total_cmp(x));
        let norm = a.norm();
        for (got, want) in e.eigenvalues.iter().zip(&oracle) {
            prop_assert!((got - want).abs() <= SPECTRUM * norm);
        }
        for w in e.eigenvalues.as_slice().windows(2) {
            prop_assert!(w[0] >= w[1]);
        }
        let v = &e.eigenvectors;
        prop_assert!((v.transpose() * v - DMatrix::identity(n, n)).norm() <= ORTHONORMAL);
        let av = &a * v;
        let vl = v * DMatrix::from_diagonal(&e.eigenvalues);
        prop_assert!((av - vl).norm() <= SPECTRUM * norm);
        for column in v.column_iter() {
            let largest = column.iter().copied().fold(0.0_f64, |m, x| if x.abs() > m.abs() { x } else { m });
            prop_assert!(largest > 0.0);
        }
    }

    /// Rank-deficient and indefinite inputs (many eigenvalues at rounding level) still
    /// converge and reconstruct A.
    #[test]
    fn rank_deficient_converges(n in 2usize..=8, r in 1usize..=7, seed in any::<u64>(), indefinite in any::<bool>()) {
        let r = r.min(n - 1);
        let b = random_matrix(n, r, seed);
        let mut a = &b * b.transpose();
        if indefinite {
            let c = random_matrix(n, r, seed ^ 5);
            a -= &c * c.transpose();
        }
        let a = (&a + a.transpose()) * 0.5;
        let e = symmetric_eigen(&a).unwrap();
        let rebuilt = &e.eigenvectors * DMatrix::from_diagonal(&e.eigenvalues) * e.eigenvectors.transpose();
        prop_assert!((rebuilt - &a).norm() <= SPECTRUM * a.norm());
    }
}

#[test]
fn known_spectrum() {
    // Eigenvalues of the 1-D Laplacian tridiag(−1, 2, −1) of size 3: 2 − 2cos(kπ/4).
    let a = dmatrix![2.0, -1.0, 0.0; -1.0, 2.0, -1.0; 0.0, -1.0, 2.0];
    let e = symmetric_eigen(&a).unwrap();
    let expected = dvector![2.0 + 2f64.sqrt(), 2.0, 2.0 - 2f64.sqrt()];
    assert!((e.eigenvalues - expected).amax() <= ULPS * 8.0);
    // A diagonal matrix is already converged: eigenvectors are unit vectors.
    let d = symmetric_eigen(&DMatrix::from_diagonal(&dvector![1.0, 3.0])).unwrap();
    assert_eq!(d.eigenvalues, dvector![3.0, 1.0]);
    assert_eq!(
        d.eigenvectors.column(0).into_owned(),
        DVector::from_vec(vec![0.0, 1.0])
    );
}
