//! # 2.3 Determinants & inverses — the determinant by elimination
//!
//! The determinant is the factor by which A scales volumes (its sign: whether A flips
//! orientation). Row operations that add a multiple of one row to another keep it; a row
//! swap flips its sign. So reduce A to upper-triangular U with such operations and
//! multiply U's diagonal:
//!
//! ```text
//! P A = L U   ⇒   det A = (−1)ˢ · u₁₁ · u₂₂ ⋯ uₙₙ
//! ```
//!
//! where s is the number of row swaps. *Partial pivoting*: before eliminating column k,
//! swap up the row (at or below k) with the largest |aᵢₖ|, so you never divide by a zero
//! or tiny pivot. If the whole column below the diagonal is zero, det A = 0.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns det A, computed by Gaussian elimination with partial pivoting.
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞.
pub fn determinant(a: &DMatrix<f64>) -> Result<f64, LinalgError> {
    // TODO: validate A, then eliminate column by column (pivoting and counting swaps),
    // and return the signed product of the pivots.
    todo!()
}
