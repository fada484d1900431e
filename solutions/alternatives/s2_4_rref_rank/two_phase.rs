//! Two phases instead of Gauss–Jordan's one: forward elimination below the pivots (unscaled, to a row echelon form), then back substitution from the last pivot up, scaling each pivot row and clearing above it.
//!
//! ```text
//! forward:  p = the row ≥ r with the largest |aₚc|;  |aₚc| ≤ tol: no pivot (exact zeros below)
//!           else swap rows p, r and subtract (aᵢc / aᵣc) × row r from every row i > r
//! backward: for each pivot (r, c), last first: row r /= aᵣc, then clear column c above r
//! rank A = number of pivots,   with tol = 1e-10 · max(m, n) · max|aᵢⱼ|   in rank()
//! ```

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
    validate(a)?;
    if !(tol.is_finite() && tol >= 0.0) {
        return Err(LinalgError::InvalidParameter {
            name: "tol",
            reason: "the zero tolerance must be finite and ≥ 0",
        });
    }
    let (m, n) = a.shape();
    let mut r = a.clone();
    let mut pivots: Vec<usize> = Vec::new();
    // Forward phase: a row echelon form, pivots left unscaled.
    for col in 0..n {
        let row = pivots.len();
        if row == m {
            break;
        }
        let p = (row..m)
            .reduce(|best, i| {
                if r[(i, col)].abs() > r[(best, col)].abs() {
                    i
                } else {
                    best
                }
            })
            .expect("row < m");
        if r[(p, col)].abs() <= tol {
            for i in row..m {
                r[(i, col)] = 0.0;
            }
            continue;
        }
        r.swap_rows(p, row);
        for i in row + 1..m {
            let factor = r[(i, col)] / r[(row, col)];
            if factor != 0.0 {
                for j in col + 1..n {
                    r[(i, j)] -= factor * r[(row, j)];
                }
            }
            r[(i, col)] = 0.0;
        }
        pivots.push(col);
    }
    // Backward phase: scale each pivot row, then clear its column above it.
    for (row, &col) in pivots.iter().enumerate().rev() {
        let pivot = r[(row, col)];
        for j in col..n {
            r[(row, j)] /= pivot;
        }
        for i in 0..row {
            let factor = r[(i, col)];
            if factor != 0.0 {
                for j in col..n {
                    r[(i, j)] -= factor * r[(row, j)];
                }
            }
        }
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
    validate(a)?;
    let tol = RANK_TOLERANCE * a.nrows().max(a.ncols()) as f64 * a.amax();
    rref(a, tol).map(|(_, pivots)| pivots.len())
}

fn validate(a: &DMatrix<f64>) -> Result<(), LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}
