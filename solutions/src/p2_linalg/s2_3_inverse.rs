//! # 2.3 Determinants & inverses — the inverse by Gauss–Jordan elimination
//!
//! ```text
//! [A | I]  →(row swaps, scalings, eliminations)→  [I | A⁻¹]
//! ```
//!
//! Every row operation is applied to both halves; partial pivoting keeps the multipliers
//! bounded.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns A⁻¹.
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::Singular` when a pivot is ≤ n · ε · max|aᵢⱼ| in absolute value.
pub fn inverse(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    if !a.is_square() {
        return Err(LinalgError::NotSquare {
            rows: a.nrows(),
            cols: a.ncols(),
        });
    }
    let n = a.nrows();
    let tolerance = n as f64 * f64::EPSILON * a.amax();
    let mut left = a.clone();
    let mut right = DMatrix::<f64>::identity(n, n);
    for k in 0..n {
        // Partial pivoting: the (first) largest |left[(i, k)]| for i ≥ k.
        let mut p = k;
        for i in k + 1..n {
            if left[(i, k)].abs() > left[(p, k)].abs() {
                p = i;
            }
        }
        if left[(p, k)].abs() <= tolerance {
            return Err(LinalgError::Singular);
        }
        left.swap_rows(p, k);
        right.swap_rows(p, k);

        let pivot = left[(k, k)];
        for j in 0..n {
            left[(k, j)] /= pivot;
            right[(k, j)] /= pivot;
        }
        for i in 0..n {
            let factor = left[(i, k)];
            if i == k || factor == 0.0 {
                continue;
            }
            for j in 0..n {
                left[(i, j)] -= factor * left[(k, j)];
                right[(i, j)] -= factor * right[(k, j)];
            }
        }
    }
    if right.iter().any(|v| !v.is_finite()) {
        // The inverse overflowed: numerically singular.
        return Err(LinalgError::Singular);
    }
    Ok(right)
}
