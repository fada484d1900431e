//! Householder QR and least squares: A = QR, QᵀQ = I, agreement with nalgebra's
//! `SVD::solve`, and an ill-conditioned polynomial fit against a 60-digit answer.

use crate::common::*;
use mathlings_linalg::{LinalgError, householder_qr, least_squares};
use nalgebra::{DMatrix, DVector, dmatrix, dvector};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn factors_are_orthonormal_and_triangular(cols in 1usize..=8, extra in 0usize..=4, seed in any::<u64>()) {
        let rows = cols + extra;
        let a = random_matrix(rows, cols, seed);
        let qr = householder_qr(&a).unwrap();
        let (q, r) = (qr.q(), qr.r());
        prop_assert_eq!(q.shape(), (rows, cols));
        prop_assert!((q.transpose() * &q - DMatrix::identity(cols, cols)).norm() <= ORTHONORMAL);
        prop_assert_eq!(r.lower_triangle(), DMatrix::from_diagonal(&r.diagonal()));
        prop_assert!(relative_error(&(&q * &r), &a) <= BACKWARD);
        let b = random_vector(rows, seed ^ 5);
        let qtb = qr.q_transpose_mul(&b).unwrap();
        prop_assert!(relative_error_vector(&qtb, &(q.transpose() * &b)) <= BACKWARD);
    }

    #[test]
    fn least_squares_matches_nalgebra_svd_solve(
        rows in 1usize..=8, extra in 0usize..=4, log_c in 0.0f64..4.0, seed in any::<u64>(),
    ) {
        let (m, n) = (rows + extra, rows);
        let c = 10f64.powf(log_c);
        let a = conditioned_matrix(m, n, c, seed);
        let b = random_vector(m, seed ^ 9);
        let x = least_squares(&a, &b).unwrap();
        let oracle = a.clone().svd(true, true).solve(&b, 0.0).unwrap();
        prop_assert!(relative_error_vector(&x, &oracle) <= LEAST_SQUARES_PER_CONDITION_SQUARED * c * c + FORWARD_PER_CONDITION * c);
        // Normal equations hold: Aᵀ(b − Ax) = 0 (relative to ‖A‖‖b‖).
        let gradient = a.transpose() * (&b - &a * &x);
        prop_assert!(gradient.norm() <= BACKWARD * c * a.norm() * b.norm());
    }
}

/// Degree-10 polynomial design on 41 points of [1, 2] (κ₂ ≈ 1.1e12, column-scaled
/// 1.1e11), built with the same float operations in Rust and Python.
fn ill_conditioned_fit(degree: usize) -> (DMatrix<f64>, DVector<f64>) {
    let n = 41;
    let beta: Vec<f64> = (0..=degree).map(|j| 1.0 / (j as f64 + 1.0)).collect();
    let mut a = DMatrix::zeros(n, degree + 1);
    let mut y = DVector::zeros(n);
    for i in 0..n {
        let x = 1.0 + i as f64 / (n - 1) as f64 * 1.0;
        let mut power = 1.0;
        let mut sum = 0.0;
        for j in 0..=degree {
            a[(i, j)] = power;
            sum += beta[j] * power;
            power *= x;
        }
        y[i] = sum + (((i * 7) % 11) as f64 - 5.0) * 1e-8;
    }
    (a, y)
}

/// Reference values: mpmath 1.4.1 at 60 digits, exact normal equations on the same
/// float64 data (/tmp/lsq_ref2.py: `M=mpmath.matrix(A); x=mpmath.lu_solve(M.T*M, M.T*Y)`).
// The 20 printed digits are kept as mpmath gave them (rounded to f64 by the compiler).
#[allow(clippy::excessive_precision)]
#[test]
fn ill_conditioned_polynomial_fit_against_extended_precision() {
    let exact10 = [
        1.1115669681898493398,
        -0.29706697809890710027,
        2.8746489765895732987,
        -4.5123527557971437274,
        6.0096963318308320651,
        -4.6549207350405987039,
        2.9002098641712283669,
        -0.94809123626913986265,
        0.3831451519712878604,
        0.059428974815998553349,
        0.093612739859585416872,
    ];
    let rss10 = 3.6723169248276248606e-14;
    let (a, y) = ill_conditioned_fit(10);
    let x = least_squares(&a, &y).unwrap();
    for (got, want) in x.iter().zip(exact10) {
        assert!(
            ((got - want) / want).abs() <= ILL_CONDITIONED_COEFFICIENTS,
            "{got} vs {want}"
        );
    }
    let rss = (&y - &a * &x).norm_squared();
    assert!(
        ((rss - rss10) / rss10).abs() <= ILL_CONDITIONED_RSS,
        "rss {rss}"
    );

    // Degree 8 (κ₂ ≈ 3.2e9).
    let exact8 = [
        0.99366059910502511834,
        0.53521278009227436633,
        0.24840663177802294728,
        0.36617366479850915922,
        0.10140439464871752937,
        0.21983426865435381095,
        0.12506479633757194347,
        0.12837876503425616399,
        0.11083230644515428241,
    ];
    let (a, y) = ill_conditioned_fit(8);
    let x = least_squares(&a, &y).unwrap();
    for (got, want) in x.iter().zip(exact8) {
        assert!(
            ((got - want) / want).abs() <= MODERATELY_CONDITIONED_COEFFICIENTS,
            "{got} vs {want}"
        );
    }
}

#[test]
fn rank_deficiency_and_exact_fit() {
    let a = dmatrix![1.0, 2.0, 3.0; 1.0, 2.0, 4.0; 1.0, 2.0, 5.0; 1.0, 2.0, 6.0];
    assert!(matches!(
        least_squares(&a, &dvector![1.0, 2.0, 3.0, 4.0]),
        Err(LinalgError::RankDeficient { rank: 2, needed: 3 })
    ));
    // A zero column is dependent.
    let z = dmatrix![1.0, 0.0; 1.0, 0.0];
    assert!(matches!(
        least_squares(&z, &dvector![1.0, 1.0]),
        Err(LinalgError::RankDeficient { .. })
    ));
    // Square, exactly solvable system.
    let x = least_squares(&dmatrix![2.0, 0.0; 0.0, 4.0], &dvector![2.0, 2.0]).unwrap();
    assert!((x - dvector![1.0, 0.5]).amax() <= ULPS);
}
