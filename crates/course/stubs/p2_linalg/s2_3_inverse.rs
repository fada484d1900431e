//! # 2.3 Determinants & inverses — the inverse by Gauss–Jordan elimination
//!
//! A⁻¹ undoes A: A A⁻¹ = A⁻¹ A = I. Gauss–Jordan elimination finds it by writing the
//! identity next to A and applying the same row operations to both halves until the left
//! half has become I; the right half is then A⁻¹ (the row operations, multiplied together,
//! are A⁻¹, and applied to I they give exactly that product). Pivot as in elimination:
//! before clearing column k, swap up the row (i ≥ k) with the largest |aᵢₖ| — swapping
//! the same rows of BOTH halves — then divide the pivot row by the pivot and subtract
//! multiples of it from every other row, above and below.
//!
//! ```text
//! [A | I]  →(row swaps, scalings, eliminations)→  [I | A⁻¹]
//! ```
//!
//! A pivot counts as zero — A is (numerically) singular — when the largest candidate has
//! |pivot| ≤ n · ε · max|aᵢⱼ|, with ε = `f64::EPSILON`. (To solve A x = b, never form
//! A⁻¹: see s2_3_solve. The inverse itself is still useful, e.g. the precision matrix Σ⁻¹.)

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
    // TODO: validate; start from left = A, right = I; for each column pivot (swap both),
    // scale the pivot row, clear the column in every other row; return the right half.
    todo!()
}
