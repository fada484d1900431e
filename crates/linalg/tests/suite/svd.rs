//! One-sided Jacobi SVD against nalgebra's SVD, plus U Σ Vᵀ = A, orthonormality,
//! Eckart–Young, Moore–Penrose conditions and the condition number.

use crate::common::*;
use mathlings_linalg::{condition_number, low_rank_approximation, pseudo_inverse, svd};
use nalgebra::{DMatrix, dmatrix, dvector};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matches_nalgebra_and_reconstructs((rows, cols, seed) in shape_case(), scale in -3.0f64..3.0) {
        let a = random_matrix(rows, cols, seed) * 10f64.powf(scale);
        let k = rows.min(cols);
        let s = svd(&a).unwrap();
        prop_assert_eq!(s.u.shape(), (rows, k));
        prop_assert_eq!(s.v_t.shape(), (k, cols));
        let mut oracle: Vec<f64> = a.clone().svd(false, false).singular_values.iter().copied().collect();
        oracle.sort_by(|x, y| y.total_cmp(x));
        let norm = a.norm();
        for (got, want) in s.singular_values.iter().zip(&oracle) {
            prop_assert!((got - want).abs() <= SPECTRUM * norm);
            prop_assert!(*got >= 0.0);
        }
        for w in s.singular_values.as_slice().windows(2) {
            prop_assert!(w[0] >= w[1]);
        }
        prop_assert!((s.u.transpose() * &s.u - DMatrix::identity(k, k)).norm() <= ORTHONORMAL);
        prop_assert!((&s.v_t * s.v_t.transpose() - DMatrix::identity(k, k)).norm() <= ORTHONORMAL);
        let rebuilt = &s.u * DMatrix::from_diagonal(&s.singular_values) * &s.v_t;
        prop_assert!((rebuilt - &a).norm() <= BACKWARD * norm);
    }

    /// Rank-deficient inputs still give orthonormal U (completed basis).
    #[test]
    fn rank_deficient_u_is_orthonormal(rows in 2usize..=8, seed in any::<u64>()) {
        let u = random_matrix(rows, 1, seed);
        let v = random_matrix(1, 3, seed ^ 1);
        let a = &u * &v;
        let s = svd(&a).unwrap();
        let k = rows.min(3);
        prop_assert!((s.u.transpose() * &s.u - DMatrix::identity(k, k)).norm() <= ORTHONORMAL);
        let rebuilt = &s.u * DMatrix::from_diagonal(&s.singular_values) * &s.v_t;
        prop_assert!((rebuilt - &a).norm() <= BACKWARD * a.norm());
    }

    /// Eckart–Young: ‖A − A_k‖²_F = Σ_{i≥k} σᵢ².
    #[test]
    fn eckart_young((rows, cols, seed) in shape_case(), k_frac in 0.0f64..1.0) {
        let a = random_matrix(rows, cols, seed);
        let kmax = rows.min(cols);
        let k = 1 + ((kmax - 1) as f64 * k_frac) as usize;
        let ak = low_rank_approximation(&a, k).unwrap();
        let sigma = a.clone().svd(false, false).singular_values;
        let mut sorted: Vec<f64> = sigma.iter().copied().collect();
        sorted.sort_by(|x, y| y.total_cmp(x));
        let tail: f64 = sorted[k..].iter().map(|s| s * s).sum();
        prop_assert!(((&a - &ak).norm_squared() - tail).abs() <= IDENTITY * a.norm_squared());
    }

    /// Moore–Penrose: A A⁺ A = A and A⁺ A A⁺ = A⁺; agrees with nalgebra's pseudo_inverse.
    #[test]
    fn pseudo_inverse_conditions((rows, cols, c, seed) in (1usize..=8, 1usize..=8, 0.0f64..4.0, any::<u64>())) {
        let c = 10f64.powf(c);
        let a = conditioned_matrix(rows, cols, c, seed);
        let p = pseudo_inverse(&a).unwrap();
        prop_assert!((&a * &p * &a - &a).norm() <= IDENTITY * c * a.norm());
        prop_assert!((&p * &a * &p - &p).norm() <= IDENTITY * c * p.norm());
        let oracle = a.clone().pseudo_inverse(1e-300).unwrap();
        prop_assert!(relative_error(&p, &oracle) <= FORWARD_PER_CONDITION * c * c.max(10.0));
    }

    #[test]
    fn condition_number_matches_construction((n, c, seed) in square_case()) {
        let a = conditioned_matrix(n, n, c, seed);
        let expected = if n == 1 { 1.0 } else { c };
        let got = condition_number(&a).unwrap();
        prop_assert!((got - expected).abs() <= FORWARD_PER_CONDITION * c * expected);
    }
}

/// The centring matrix I − J/m (rank m − 1) leaves every eᵢ a remainder of exactly 1/√m
/// along the missing direction (1, …, 1)/√m: U must still be completed to an orthonormal
/// basis (a fixed "remainder > 0.5" threshold left a zero column at m = 4). Its singular
/// values are 1 (m − 1 times) and 0, compared with nalgebra's SVD.
#[test]
fn centring_matrix_gets_a_complete_orthonormal_u() {
    for m in [2usize, 4, 9, 16] {
        let a = DMatrix::identity(m, m) - DMatrix::from_element(m, m, 1.0 / m as f64);
        let s = svd(&a).unwrap();
        let gram = s.u.transpose() * &s.u;
        assert!(
            (gram - DMatrix::identity(m, m)).amax() <= ORTHONORMAL,
            "m = {m}: UᵀU ≠ I"
        );
        let mut want: Vec<f64> = nalgebra::SVD::new(a.clone(), false, false)
            .singular_values
            .iter()
            .copied()
            .collect();
        want.sort_by(|x, y| y.total_cmp(x));
        for (got, want) in s.singular_values.iter().zip(&want) {
            assert!((got - want).abs() <= 1e-13, "m = {m}: σ {got} vs {want}");
        }
        let rebuilt = &s.u * DMatrix::from_diagonal(&s.singular_values) * &s.v_t;
        assert!((rebuilt - &a).norm() <= BACKWARD * a.norm());
    }
}

#[test]
fn known_values() {
    let s = svd(&dmatrix![3.0, 0.0; 4.0, 5.0]).unwrap();
    let expected = dvector![45f64.sqrt(), 5f64.sqrt()];
    assert!((s.singular_values - expected).amax() <= ULPS * 8.0);
    assert_eq!(
        condition_number(&dmatrix![1.0, 1.0; 1.0, 1.0]).unwrap(),
        f64::INFINITY
    );
    // Wide matrix goes through the transpose.
    let s = svd(&dmatrix![1.0, 0.0, 0.0; 0.0, 2.0, 0.0]).unwrap();
    assert_eq!(s.singular_values, dvector![2.0, 1.0]);
    // Huge entries: the power-of-two scaling avoids overflow of squared norms.
    let s = svd(&dmatrix![1e300, 0.0; 0.0, 1e300]).unwrap();
    assert_eq!(s.singular_values, dvector![1e300, 1e300]);
}
