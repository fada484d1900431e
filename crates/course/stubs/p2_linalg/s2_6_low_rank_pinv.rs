//! # 2.6 SVD & PCA — low-rank approximation, pseudo-inverse and condition number
//!
//! Once you have A = U Σ Vᵀ = Σᵢ σᵢ uᵢ vᵢᵀ (a sum of rank-1 pieces, largest first), three
//! classic tools fall out:
//! - keeping the first k pieces gives the best rank-k approximation of A in the Frobenius
//!   norm (Eckart–Young), with error exactly the dropped singular values;
//! - inverting the non-zero singular values gives the Moore–Penrose pseudo-inverse A⁺, the
//!   "best possible inverse" of any matrix (A⁺b is the minimum-norm least-squares solution);
//!   singular values that are zero up to rounding must be left at 0, never inverted;
//! - the ratio of the largest to the smallest singular value is the condition number: how
//!   much a relative error in b can grow in the solution of A x = b.
//!
//! ```text
//! A_k = Σ_{i<k} σᵢ uᵢ vᵢᵀ               ‖A − A_k‖²_F = Σ_{i≥k} σᵢ²
//! A⁺  = V Σ⁺ Uᵀ,   Σ⁺ = diag(1/σᵢ if σᵢ > max(m, n)·ε·σ₀, else 0)
//! κ(A) = σ₀ / σ_{min(m,n)−1}            (f64::INFINITY when σ_min = 0)
//! ```
//!
//! You may use the course's SVD here: `mathlings_linalg::svd(&a)?` returns a struct with
//! fields `u` (m×k), `singular_values` (k, descending) and `v_t` (k×n), k = min(m, n).
//! (The other routines of `mathlings_linalg` remain off limits.)

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns A_k, the best rank-k approximation of A: the first k singular triplets.
///
/// # Errors
/// - `LinalgError::Empty` / `LinalgError::NonFinite` for an empty or non-finite A;
/// - `LinalgError::InvalidParameter { name: "k", .. }` unless 1 ≤ k ≤ min(m, n);
/// - `LinalgError::NoConvergence { .. }` passed on from the SVD.
pub fn low_rank_approximation(a: &DMatrix<f64>, k: usize) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: validate k; take the SVD; multiply the first k columns of U, the first k
    // singular values and the first k rows of Vᵀ.
    todo!()
}

/// Returns the Moore–Penrose pseudo-inverse A⁺ (n×m), inverting only the singular values
/// above max(m, n)·ε·σ₀.
///
/// # Errors
/// - `LinalgError::Empty` / `LinalgError::NonFinite` for an empty or non-finite A;
/// - `LinalgError::NoConvergence { .. }` passed on from the SVD.
pub fn pseudo_inverse(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: take the SVD; build Σ⁺ (1/σ above the cutoff, 0 below); return V Σ⁺ Uᵀ.
    todo!()
}

/// Returns the 2-norm condition number σ_max / σ_min (`f64::INFINITY` when σ_min = 0).
///
/// # Errors
/// - `LinalgError::Empty` / `LinalgError::NonFinite` for an empty or non-finite A;
/// - `LinalgError::NoConvergence { .. }` passed on from the SVD.
pub fn condition_number(a: &DMatrix<f64>) -> Result<f64, LinalgError> {
    // TODO: take the SVD and divide the first singular value by the last.
    todo!()
}
