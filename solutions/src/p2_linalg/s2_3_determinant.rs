//! # 2.3 Determinants & inverses — the determinant by elimination
//!
//! ```text
//! P A = L U   ⇒   det A = (−1)ˢ · u₁₁ · u₂₂ ⋯ uₙₙ
//! ```
//!
//! Eliminate in place on a copy; L is never needed, only the pivots and the swap count.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns det A, computed by Gaussian elimination with partial pivoting.
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn determinant(a: &DMatrix<f64>) -> Result<f64, LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if !a.is_square() {
        return Err(LinalgError::NotSquare {
            rows: a.nrows(),
            cols: a.ncols(),
        });
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    let n = a.nrows();
    let mut u = a.clone();
    let mut det = 1.0;
    for k in 0..n {
        // Partial pivoting: the largest |u[i][k]| for i ≥ k.
        let pivot_row = (k..n)
            .max_by(|&i, &j| u[(i, k)].abs().total_cmp(&u[(j, k)].abs()))
            .expect("k < n");
        if u[(pivot_row, k)] == 0.0 {
            return Ok(0.0);
        }
        if pivot_row != k {
            u.swap_rows(pivot_row, k);
            det = -det;
        }
        let pivot = u[(k, k)];
        det *= pivot;
        for i in k + 1..n {
            let factor = u[(i, k)] / pivot;
            for j in k + 1..n {
                u[(i, j)] -= factor * u[(k, j)];
            }
        }
    }
    Ok(det)
}
