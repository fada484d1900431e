//! # 2.4 Rank & independence — reduced row echelon form and rank
//!
//! Gauss–Jordan elimination brings any matrix to its *reduced row echelon form* R: each
//! non-zero row starts with a leading 1 (its pivot), every pivot sits to the right of the
//! one above, and a pivot's column is zero everywhere else. R is unique, and the number of
//! pivots is the rank: how many columns (or rows) are linearly independent, the dimension
//! of the space A maps onto.
//!
//! ```text
//! for each column c (current row r, starting at 0):
//!     p = the row ≥ r with the largest |aₚc|;    if |aₚc| ≤ tol: column c has no pivot
//!     else: swap rows p and r, divide row r by aᵣc, subtract aᵢc × row r from every
//!           other row i (above and below), record c as a pivot column, r += 1
//! rank A = number of pivots,   with tol = 1e-10 · max(m, n) · max|aᵢⱼ|   in rank()
//! ```
//!
//! In floating point a column that "should" be zero after elimination holds rounding
//! noise like 1e-17, so `== 0.0` tests count noise as pivots: the rank of the rank-1
//! matrix u vᵀ then comes out 2 or 3. Compare with a tolerance relative to the size of
//! the entries instead, and store exact zeros where you decided an entry is zero.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns (R, pivot columns): the reduced row echelon form of A, where entries with
/// |value| ≤ `tol` count as zero (a column without a pivot gets exact zeros from the
/// current row down), and the pivot columns in increasing order.
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::InvalidParameter { name: "tol", .. }` when `tol` is negative, NaN or ±∞.
pub fn rref(a: &DMatrix<f64>, tol: f64) -> Result<(DMatrix<f64>, Vec<usize>), LinalgError> {
    // TODO: validate; then Gauss–Jordan with partial pivoting, column by column.
    todo!()
}

/// Returns the rank of A: the number of pivots of `rref(a, tol)` with
/// tol = 1e-10 · max(m, n) · max|aᵢⱼ| (relative to A's size, so rank(s·A) = rank(A)).
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn rank(a: &DMatrix<f64>) -> Result<usize, LinalgError> {
    // TODO: compute the tolerance from A and count the pivots of rref.
    todo!()
}
