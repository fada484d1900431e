//! rref (known forms), rank vs nalgebra's SVD rank, null space (A Z = 0, ZᵀZ = I,
//! rank–nullity), linear independence, rank(u vᵀ) = 1.

use crate::common::*;
use mathlings_linalg::{is_linearly_independent, null_space, rank, rref};
use nalgebra::{DMatrix, dmatrix};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    /// Products of random factors have known rank r; rank and null space agree.
    #[test]
    fn rank_and_nullity((m, n, seed) in shape_case(), r_frac in 0.0f64..1.0) {
        let r = 1 + ((m.min(n) - 1) as f64 * r_frac) as usize;
        let a = random_matrix(m, r, seed) * random_matrix(r, n, seed ^ 1);
        prop_assert_eq!(rank(&a).unwrap(), r);
        prop_assert_eq!(rank(&a).unwrap(), a.clone().rank(m.max(n) as f64 * f64::EPSILON * a.clone().svd(false, false).singular_values.max()));
        let z = null_space(&a).unwrap();
        prop_assert_eq!(z.shape(), (n, n - r));
        prop_assert!((&a * &z).norm() <= BACKWARD * a.norm() * 10.0);
        prop_assert!((z.transpose() * &z - DMatrix::identity(n - r, n - r)).norm() <= ORTHONORMAL);
        let columns: Vec<Vec<f64>> = a.column_iter().map(|c| c.iter().copied().collect()).collect();
        prop_assert_eq!(is_linearly_independent(&columns).unwrap(), r == n);
    }

    /// rank(u vᵀ) = 1 for non-zero u, v.
    #[test]
    fn outer_product_has_rank_one((m, n, seed) in shape_case()) {
        let u = random_vector(m, seed);
        let v = random_vector(n, seed ^ 1);
        prop_assert_eq!(rank(&(&u * v.transpose())).unwrap(), 1);
    }

    /// rref of an invertible matrix is I; its pivot count equals the rank.
    #[test]
    fn rref_pivots_equal_rank((n, c, seed) in square_case()) {
        let a = conditioned_matrix(n, n, c.min(1e3), seed);
        let (r, pivots) = rref(&a, 1e-10).unwrap();
        prop_assert_eq!(pivots.len(), n);
        prop_assert!((r - DMatrix::identity(n, n)).amax() <= FORWARD_PER_CONDITION * 1e3);
    }
}

#[test]
fn known_rref() {
    // Worked example (Strang, Introduction to Linear Algebra, §3.2 style).
    let a = dmatrix![1.0, 2.0, 2.0, 4.0; 1.0, 2.0, 3.0, 5.0; 2.0, 4.0, 5.0, 9.0];
    let (r, pivots) = rref(&a, 1e-12).unwrap();
    assert_eq!(pivots, vec![0, 2]);
    let expected = dmatrix![1.0, 2.0, 0.0, 2.0; 0.0, 0.0, 1.0, 1.0; 0.0, 0.0, 0.0, 0.0];
    assert!((r - expected).amax() <= ULPS * 16.0);
    assert_eq!(rank(&DMatrix::zeros(2, 3)).unwrap(), 0);
    assert_eq!(null_space(&DMatrix::zeros(2, 3)).unwrap().shape(), (3, 3));
}
