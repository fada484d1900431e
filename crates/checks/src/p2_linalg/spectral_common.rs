//! Helpers shared by the checks of §2.5 and §2.6 (eigenvalues, SVD, PCA): generators of
//! symmetric and graded matrices, nalgebra's values as oracles, a sign convention.

use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;

use crate::strategies;

/// A random symmetric n×n matrix, n in `sizes`, entries in [−10, 10]: (M + Mᵀ)/2.
pub fn symmetric_matrix(
    sizes: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = DMatrix<f64>> + Clone {
    strategies::square_matrix(sizes).prop_map(|m| (&m + m.transpose()) * 0.5)
}

/// Eigenvalues of a symmetric matrix by nalgebra (the independent oracle), sorted by
/// decreasing magnitude.
pub fn eigenvalues_by_magnitude(a: &DMatrix<f64>) -> Vec<f64> {
    let mut values: Vec<f64> = a.clone().symmetric_eigenvalues().iter().copied().collect();
    values.sort_by(|x, y| y.abs().total_cmp(&x.abs()));
    values
}

/// Eigenvalues of a symmetric matrix by nalgebra (the independent oracle), descending.
pub fn eigenvalues_descending(a: &DMatrix<f64>) -> Vec<f64> {
    let mut values: Vec<f64> = a.clone().symmetric_eigenvalues().iter().copied().collect();
    values.sort_by(|x, y| y.total_cmp(x));
    values
}

/// Singular values by nalgebra (the independent oracle), descending.
pub fn singular_values_descending(a: &DMatrix<f64>) -> Vec<f64> {
    let mut values: Vec<f64> = a.clone().singular_values().iter().copied().collect();
    values.sort_by(|x, y| y.total_cmp(x));
    values
}

/// ‖QᵀQ − I‖_max: how far the columns of Q are from orthonormal.
pub fn orthonormality_error(q: &DMatrix<f64>) -> f64 {
    let k = q.ncols();
    (q.transpose() * q - DMatrix::<f64>::identity(k, k)).amax()
}

/// A matrix with orthonormal columns (m×k, k ≤ m) built from a seeded random matrix by
/// Gram–Schmidt (applied twice), independent of the code under test.
pub fn random_orthonormal(m: usize, k: usize, rng: &mut impl rand::Rng) -> DMatrix<f64> {
    let mut q = DMatrix::<f64>::zeros(m, k);
    let mut j = 0;
    while j < k {
        let mut v = DVector::from_fn(m, |_, _| rng.random_range(-1.0..1.0f64));
        for _ in 0..2 {
            for i in 0..j {
                let p = q.column(i).dot(&v);
                v -= q.column(i) * p;
            }
        }
        let len = v.norm();
        if len > 0.1 {
            q.set_column(j, &(v / len));
            j += 1;
        }
    }
    q
}

/// A vector flipped so that its largest-|entry| component is positive.
pub fn sign_fixed(v: &DVector<f64>) -> DVector<f64> {
    if v.is_empty() {
        return v.clone();
    }
    let at = v.iamax();
    if v[at] < 0.0 { -v } else { v.clone() }
}

/// Positive-definite 2×2 matrices at the edge of the contract's symmetry test
/// |aᵢⱼ − aⱼᵢ| ≤ 1e-10·max|aₖₗ|, each with whether it passes it: a difference exactly at
/// the tolerance passes (`≤`, not `<`); the tolerance scales with max|aₖₗ| (a difference of
/// 1e-4 passes at max|a| = 2e6, one of 1e-12 fails at max|a| = 2e-6); 3e-10 at max|a| = 1
/// fails. Catches a strict `<`, a tolerance divided by max|a| or not scaled at all.
pub fn symmetry_edges() -> Vec<(DMatrix<f64>, bool)> {
    vec![
        (DMatrix::from_row_slice(2, 2, &[1.0, 1e-10, 0.0, 1.0]), true),
        (DMatrix::from_row_slice(2, 2, &[1.0, 3e-10, 0.0, 1.0]), false),
        (DMatrix::from_row_slice(2, 2, &[2e6, 1e6 + 1e-4, 1e6, 2e6]), true),
        (DMatrix::from_row_slice(2, 2, &[2e-6, 1e-6 + 1e-12, 1e-6, 2e-6]), false),
    ]
}
