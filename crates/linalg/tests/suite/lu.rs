//! LU, solve and determinant against nalgebra's LU, plus det(AB) = det A · det B.

use crate::common::*;
use mathlings_linalg::{determinant, lu, solve};
use nalgebra::{DMatrix, dmatrix};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    /// P A = L U holds to backward-stability accuracy, L unit lower, U upper.
    #[test]
    fn factors_reproduce_the_matrix((n, c, seed) in square_case()) {
        let a = conditioned_matrix(n, n, c, seed);
        let f = lu(&a).unwrap();
        let pa = DMatrix::from_fn(n, n, |i, j| a[(f.permutation()[i], j)]);
        prop_assert!(relative_error(&(f.l() * f.u()), &pa) <= BACKWARD);
        prop_assert_eq!(f.l().upper_triangle(), DMatrix::identity(n, n));
        prop_assert_eq!(f.u().lower_triangle(), DMatrix::from_diagonal(&f.u().diagonal()));
    }

    /// solve agrees with nalgebra's LU solve within κ·1e-12 and has a tiny residual.
    #[test]
    fn solve_matches_nalgebra((n, c, seed) in square_case()) {
        let a = conditioned_matrix(n, n, c, seed);
        let b = random_vector(n, seed ^ 7);
        let x = solve(&a, &b).unwrap();
        let oracle = a.clone().lu().solve(&b).unwrap();
        prop_assert!(relative_error_vector(&x, &oracle) <= FORWARD_PER_CONDITION * c);
        prop_assert!((&a * &x - &b).norm() <= BACKWARD * a.norm() * x.norm());
    }

    /// determinant agrees with nalgebra's determinant.
    #[test]
    fn determinant_matches_nalgebra((n, c, seed) in square_case()) {
        let a = conditioned_matrix(n, n, c, seed) * 3.0;
        let d = determinant(&a).unwrap();
        let oracle = a.determinant();
        prop_assert!((d - oracle).abs() <= FORWARD_PER_CONDITION * c * oracle.abs());
    }

    /// det(AB) = det(A) det(B).
    #[test]
    fn determinant_is_multiplicative(n in 1usize..=6, seed in any::<u64>()) {
        let a = random_matrix(n, n, seed);
        let b = random_matrix(n, n, seed ^ 1);
        let lhs = determinant(&(&a * &b)).unwrap();
        let rhs = determinant(&a).unwrap() * determinant(&b).unwrap();
        let cond = a.clone().svd(false, false).singular_values.max()
            / a.clone().svd(false, false).singular_values.min().max(1e-300);
        prop_assume!(cond < 1e6);
        prop_assert!((lhs - rhs).abs() <= IDENTITY * cond * rhs.abs().max(1e-300) * 10.0);
    }
}

#[test]
fn known_values() {
    // Integer matrix with det = −306 (by cofactor expansion by hand).
    let a = dmatrix![6.0, 1.0, 1.0; 4.0, -2.0, 5.0; 2.0, 8.0, 7.0];
    assert!((determinant(&a).unwrap() + 306.0).abs() <= 306.0 * ULPS * 8.0);
    // Exactly singular: a repeated row gives an exact zero pivot ⇒ Ok(0.0).
    assert_eq!(determinant(&dmatrix![1.0, 2.0; 1.0, 2.0]).unwrap(), 0.0);
    // Permutation matrix: det = sign of the permutation.
    let p = dmatrix![0.0, 1.0, 0.0; 0.0, 0.0, 1.0; 1.0, 0.0, 0.0];
    assert_eq!(determinant(&p).unwrap(), 1.0);
}
