//! # 2.2 Matrix operations — sum, transpose and the matrix product
//!
//! A matrix is a linear map: column j of A is where A sends the j-th basis vector. Adding
//! two maps adds their outputs entry by entry; the transpose turns rows into columns; the
//! product AB is the composition "first B, then A", so entry (i, j) of AB pairs row i of A
//! with column j of B. Shapes must fit: A is m×p, B is p×n, and AB is m×n — asking for the
//! product of a 2×3 and a 2×3 matrix is an error to report, not a reason to panic.
//!
//! ```text
//! (A + B)ᵢⱼ = aᵢⱼ + bᵢⱼ            (same shape)
//! (Aᵀ)ᵢⱼ    = aⱼᵢ                   (m×n → n×m)
//! (AB)ᵢⱼ    = Σₖ aᵢₖ bₖⱼ            (m×p times p×n → m×n, k = 0..p)
//! ```
//!
//! Write the loops yourself with `a[(i, k)]` indexing (nalgebra's `+`, `*` and
//! `.transpose()` on matrices would do the exercise for you). `DMatrix::zeros(m, n)` and
//! `DMatrix::from_fn(m, n, |i, j| …)` build the results.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns A + B.
///
/// # Errors
/// - `LinalgError::Empty` when A or B has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: b.shape() }` when the shapes differ.
pub fn add(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: validate both matrices and their shapes, then add entry by entry.
    todo!()
}

/// Returns Aᵀ (every matrix has one, so this cannot fail).
pub fn transpose(a: &DMatrix<f64>) -> DMatrix<f64> {
    // TODO: build the n×m matrix whose (i, j) entry is a[(j, i)].
    todo!()
}

/// Returns the matrix product AB.
///
/// # Errors
/// - `LinalgError::Empty` when A or B has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: b.shape() }` when A's column
///   count differs from B's row count.
pub fn matmul(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: validate, then (AB)ᵢⱼ = Σₖ aᵢₖ bₖⱼ.
    todo!()
}
