//! # 2.6 SVD & PCA — the singular value decomposition by one-sided Jacobi
//!
//! Every m×n matrix factors as A = U Σ Vᵀ: rotate (Vᵀ), stretch along the axes (Σ, the
//! singular values σ₀ ≥ σ₁ ≥ … ≥ 0), rotate again (U). One-sided Jacobi (Hestenes) finds it
//! by rotating PAIRS OF COLUMNS of a working copy W = A until all columns are mutually
//! orthogonal; the same rotations applied to V = I record what was done. Then W = A V has
//! orthogonal columns: their lengths are the σᵢ and the normalised columns are the uᵢ.
//! Never form AᵀA: squaring the matrix squares its condition number, and a singular value
//! of 1e-10 (whose square 1e-20 is far below the rounding error ε·‖A‖² ≈ 1e-16) is lost.
//!
//! ```text
//! for each pair of columns p < q of W:   α = ‖w_p‖²,  β = ‖w_q‖²,  γ = w_p · w_q
//!   skip if |γ| ≤ m·ε·√(αβ)  or  |γ| ≤ ε²·‖A‖²_F        (already orthogonal)
//!   ζ = (β − α) / (2γ),   t = sign(ζ) / (|ζ| + √(1 + ζ²)),   c = 1/√(1 + t²),   s = c·t
//!   (w_p, w_q) ← (c·w_p − s·w_q,  s·w_p + c·w_q),   same for columns p, q of V
//! repeat sweeps until a sweep rotates nothing;   σᵢ = ‖wᵢ‖,   uᵢ = wᵢ / σᵢ
//! ```
//!
//! Work on Aᵀ when m < n (A = (Aᵀ)ᵀ = (U'ΣV'ᵀ)ᵀ = V'ΣU'ᵀ). Return the THIN decomposition,
//! k = min(m, n): U is m×k, σ has k entries sorted descending, Vᵀ is k×n — reorder the
//! columns of W and V with σ. For a zero σᵢ (≤ ε·‖A‖_F) the direction uᵢ is arbitrary: pick
//! a unit vector orthogonal to the other columns of U (e.g. Gram–Schmidt on e₀, e₁, …).

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// A thin SVD (U, σ, Vᵀ): U m×k, σ with k entries, Vᵀ k×n, k = min(m, n).
pub type Svd = (DMatrix<f64>, DVector<f64>, DMatrix<f64>);

/// Returns (U, σ, Vᵀ) with A = U diag(σ) Vᵀ: U m×k and V n×k with orthonormal columns,
/// σ₀ ≥ σ₁ ≥ … ≥ σ_{k−1} ≥ 0, k = min(m, n).
///
/// # Errors
/// - `LinalgError::Empty` when A has no entries (0 rows or 0 columns);
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::NoConvergence { iterations: 100 }` if 100 sweeps do not suffice.
pub fn svd(a: &DMatrix<f64>) -> Result<Svd, LinalgError> {
    // TODO: validate; if m < n decompose Aᵀ and swap the roles of U and V; otherwise rotate
    // column pairs of W = A (and of V = I) until orthogonal, then read off σ, U and sort.
    todo!()
}
