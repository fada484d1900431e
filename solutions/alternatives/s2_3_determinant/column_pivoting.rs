//! Elimination by columns instead of rows (det Aᵀ = det A): each step pivots on the largest |entry| of row k among columns ≥ k, swaps columns, and clears row k to the right of the pivot.
//!
//! ```text
//! A Q = L U   (Q the column swaps)   ⇒   det A = (−1)ˢ · u₁₁ · u₂₂ ⋯ uₙₙ
//! ```

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns det A, computed by Gaussian elimination with partial (column) pivoting.
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
    let mut negative = false;
    let mut product = 1.0;
    for k in 0..n {
        let mut best = k;
        for j in k + 1..n {
            if u[(k, j)].abs() > u[(k, best)].abs() {
                best = j;
            }
        }
        let pivot = u[(k, best)];
        if pivot == 0.0 {
            // Row k is zero from column k on: the rows are dependent.
            return Ok(0.0);
        }
        if best != k {
            u.swap_columns(best, k);
            negative = !negative;
        }
        product *= pivot;
        for j in k + 1..n {
            let factor = u[(k, j)] / pivot;
            for i in k + 1..n {
                u[(i, j)] -= factor * u[(i, k)];
            }
        }
    }
    Ok(if negative { -product } else { product })
}
