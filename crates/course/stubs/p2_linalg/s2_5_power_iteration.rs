//! # 2.5 Eigenvalues & eigenvectors — the dominant eigenpair by power iteration
//!
//! Multiplying a vector by A again and again stretches it most along the eigenvector whose
//! eigenvalue has the largest magnitude |λ₀|: every other component shrinks relative to it
//! by |λᵢ/λ₀| per step. So start from any vector, multiply, *rescale to unit length* (or
//! the numbers overflow), and repeat until the direction stops changing. The eigenvalue is
//! then the Rayleigh quotient — it keeps the sign of λ, which a ratio of norms would lose.
//!
//! ```text
//! x_{t+1} = A xₜ / ‖A xₜ‖₂          stop when ‖x_{t+1} − xₜ‖₂ ≤ tol
//! λ = xᵀ A x   (x a unit vector: the Rayleigh quotient xᵀAx / xᵀx)
//! ```
//!
//! When λ₀ < 0 the iterate flips sign every step; fix the sign of each iterate (say, its
//! largest-|entry| component positive) before comparing it with the previous one. Start from
//! a fixed vector with unequal, non-zero entries (xᵢ = 1 + i/10, say: all ones or a basis
//! vector is itself an eigenvector of many simple matrices). If the direction never
//! settles (|λ₀| = |λ₁| with λ₀ ≠ λ₁, or complex eigenvalues), report it instead of returning
//! whatever the last iterate happened to be.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// Returns the dominant eigenvalue λ (largest |λ|, with its sign) of A and a unit
/// eigenvector v (‖v‖₂ = 1, A v ≈ λ v), by power iteration with the Rayleigh quotient.
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::InvalidParameter { name: "tol", .. }` unless `tol` is finite and > 0,
///   `LinalgError::InvalidParameter { name: "max_iter", .. }` when `max_iter` is 0;
/// - `LinalgError::NoConvergence { iterations: max_iter }` when the iterates still move by
///   more than `tol` after `max_iter` multiplications.
pub fn power_iteration(
    a: &DMatrix<f64>,
    tol: f64,
    max_iter: usize,
) -> Result<(f64, DVector<f64>), LinalgError> {
    // TODO: validate; start from a unit vector; repeat at most max_iter times: multiply by
    // A, normalise (length and sign), stop when the change is ≤ tol and return (xᵀAx, x).
    todo!()
}
