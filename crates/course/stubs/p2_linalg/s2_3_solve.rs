//! # 2.3 Determinants & inverses — solving A x = b by LU with partial pivoting
//!
//! Gaussian elimination turns A x = b into an upper-triangular system U x = y that back
//! substitution solves from the last unknown upwards. Recording the eliminations gives the
//! factorisation P A = L U (L unit lower-triangular, P the row swaps). *Partial pivoting*
//! — before eliminating column k, swap up the row with the largest |aᵢₖ| (i ≥ k) — keeps
//! every multiplier |lᵢₖ| ≤ 1, which is what makes the method backward stable: the x you
//! compute solves a system within rounding of yours, so ‖A x − b‖ is tiny even when A is
//! badly conditioned. Computing A⁻¹ and then A⁻¹b does not have that property.
//!
//! ```text
//! P A = L U,      L y = P b   (forward substitution),      U x = y   (back substitution)
//! yᵢ = (Pb)ᵢ − Σ_{j<i} lᵢⱼ yⱼ,                xᵢ = (yᵢ − Σ_{j>i} uᵢⱼ xⱼ) / uᵢᵢ
//! ```
//!
//! A pivot counts as zero — the matrix is (numerically) singular — when the largest
//! candidate has |pivot| ≤ n · ε · max|aᵢⱼ|, with ε = `f64::EPSILON`: below that size it is
//! indistinguishable from the rounding errors of the elimination.

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
    // TODO: validate; eliminate with partial pivoting on copies of A and b (swapping the
    // same rows of b); then back-substitute.
    todo!()
}
