//! # 2.4 Rank & independence — reduced row echelon form and rank
//!
//! ```text
//! Gauss–Jordan with partial pivoting; |entry| ≤ tol counts as zero;
//! rank A = number of pivots with tol = 1e-10 · max(m, n) · max|aᵢⱼ|
//! ```
//!
//! Entries decided to be zero are stored as exact zeros, so R's structure is exact even
//! though its other entries carry rounding errors.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Relative zero tolerance of [`rank`], per unit of max(m, n) · max|aᵢⱼ|.
const RANK_TOLERANCE: f64 = 1e-10;

/// Returns (R, pivot columns): the reduced row echelon form of A, where entries with
/// |value| ≤ `tol` count as zero (a column without a pivot gets exact zeros from the
/// current row down), and the pivot columns in increasing order.
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::InvalidParameter { name: "tol", .. }` when `tol` is negative, NaN or ±∞.
pub fn rref(a: &DMatrix<f64>, tol: f64) -> Result<(DMatrix<f64>, Vec<usize>), LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    if !tol.is_finite() || tol < 0.0 {
        return Err(LinalgError::InvalidParameter {
            name: "tol",
            reason: "the zero tolerance must be finite and ≥ 0",
        });
    }
    let (m, n) = a.shape();
    let mut r = a.clone();
    let mut pivots = Vec::new();
    let mut row = 0;
    for col in 0..n {
        if row == m {
            break;
        }
        // Partial pivoting within the rows not yet used.
        let mut p = row;
        for i in row + 1..m {
            if r[(i, col)].abs() > r[(p, col)].abs() {
                p = i;
            }
        }
        if r[(p, col)].abs() <= tol {
            // No pivot here: what is left of this column is rounding noise.
            for i in row..m {
                r[(i, col)] = 0.0;
            }
            continue;
        }
        r.swap_rows(p, row);
        // pivot / pivot is exactly 1 in IEEE arithmetic, and then every eliminated entry
        // becomes factor − factor · 1 = exactly 0: the pivot column comes out exact.
        let pivot = r[(row, col)];
        for j in 0..n {
            r[(row, j)] /= pivot;
        }
        for i in 0..m {
            let factor = r[(i, col)];
            if i == row || factor == 0.0 {
                continue;
            }
            for j in 0..n {
                r[(i, j)] -= factor * r[(row, j)];
            }
        }
        pivots.push(col);
        row += 1;
    }
    Ok((r, pivots))
}

/// Returns the rank of A: the number of pivots of `rref(a, tol)` with
/// tol = 1e-10 · max(m, n) · max|aᵢⱼ| (relative to A's size, so rank(s·A) = rank(A)).
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn rank(a: &DMatrix<f64>) -> Result<usize, LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    let tol = RANK_TOLERANCE * a.nrows().max(a.ncols()) as f64 * a.amax();
    Ok(rref(a, tol)?.1.len())
}
