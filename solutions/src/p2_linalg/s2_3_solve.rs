//! # 2.3 Determinants & inverses — solving A x = b by LU with partial pivoting
//!
//! ```text
//! P A = L U,   L y = P b,   U x = y
//! ```
//!
//! The eliminations are applied to b as they happen (that is the forward substitution),
//! then back substitution solves the triangular system.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// Returns the solution x of A x = b.
///
/// # Errors
/// Checked in this order:
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry of A is NaN or ±∞;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: (b.len(), 1) }` when b does not
///   have one entry per row of A;
/// - `LinalgError::NonFinite` when an entry of b is NaN or ±∞;
/// - `LinalgError::Singular` when a pivot is ≤ n · ε · max|aᵢⱼ| in absolute value.
pub fn solve(a: &DMatrix<f64>, b: &DVector<f64>) -> Result<DVector<f64>, LinalgError> {
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
    if b.len() != a.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: (b.len(), 1),
        });
    }
    if b.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    let n = a.nrows();
    let tolerance = n as f64 * f64::EPSILON * a.amax();
    let (mut u, mut y) = (a.clone(), b.clone());
    for k in 0..n {
        // Partial pivoting: the row i ≥ k with the largest |u[(i, k)]|.
        let p = (k..n)
            .max_by(|&i, &j| u[(i, k)].abs().total_cmp(&u[(j, k)].abs()))
            .unwrap_or(k);
        if u[(p, k)].abs() <= tolerance {
            return Err(LinalgError::Singular);
        }
        u.swap_rows(p, k);
        y.swap_rows(p, k);
        for i in k + 1..n {
            let factor = u[(i, k)] / u[(k, k)];
            for j in k + 1..n {
                u[(i, j)] -= factor * u[(k, j)];
            }
            y[i] -= factor * y[k];
        }
    }
    // Back substitution.
    let mut x = DVector::zeros(n);
    for i in (0..n).rev() {
        let tail: f64 = (i + 1..n).map(|j| u[(i, j)] * x[j]).sum();
        x[i] = (y[i] - tail) / u[(i, i)];
    }
    if x.iter().any(|v| !v.is_finite()) {
        // The solution overflowed: numerically singular.
        return Err(LinalgError::Singular);
    }
    Ok(x)
}
