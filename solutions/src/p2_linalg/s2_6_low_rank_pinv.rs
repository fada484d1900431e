//! # 2.6 SVD & PCA — low-rank approximation, pseudo-inverse and condition number
//!
//! ```text
//! A_k = Σ_{i<k} σᵢ uᵢ vᵢᵀ               ‖A − A_k‖²_F = Σ_{i≥k} σᵢ²
//! A⁺  = V Σ⁺ Uᵀ,   Σ⁺ = diag(1/σᵢ if σᵢ > max(m, n)·ε·σ₀, else 0)
//! κ(A) = σ₀ / σ_{min(m,n)−1}
//! ```
//!
//! All three read off the SVD (the course's `mathlings_linalg::svd`, allowed here).

use mathlings_linalg::LinalgError;
use mathlings_linalg::svd;
use nalgebra::DMatrix;

/// Returns A_k, the best rank-k approximation of A: the first k singular triplets.
///
/// # Errors
/// - `LinalgError::Empty` / `LinalgError::NonFinite` for an empty or non-finite A;
/// - `LinalgError::InvalidParameter { name: "k", .. }` unless 1 ≤ k ≤ min(m, n);
/// - `LinalgError::NoConvergence { .. }` passed on from the SVD.
pub fn low_rank_approximation(a: &DMatrix<f64>, k: usize) -> Result<DMatrix<f64>, LinalgError> {
    // The SVD validates A (Empty, NonFinite) before k is looked at.
    let s = svd(a)?;
    if k == 0 || k > a.nrows().min(a.ncols()) {
        return Err(LinalgError::InvalidParameter {
            name: "k",
            reason: "the rank must satisfy 1 ≤ k ≤ min(rows, cols)",
        });
    }
    let sigma_k = DMatrix::from_diagonal(&s.singular_values.rows(0, k).into_owned());
    Ok(s.u.columns(0, k) * sigma_k * s.v_t.rows(0, k))
}

/// Returns the Moore–Penrose pseudo-inverse A⁺ (n×m), inverting only the singular values
/// above max(m, n)·ε·σ₀.
///
/// # Errors
/// - `LinalgError::Empty` / `LinalgError::NonFinite` for an empty or non-finite A;
/// - `LinalgError::NoConvergence { .. }` passed on from the SVD.
pub fn pseudo_inverse(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    let s = svd(a)?;
    // Singular values at the level of the SVD's own rounding error count as zero.
    let cutoff = a.nrows().max(a.ncols()) as f64 * f64::EPSILON * s.singular_values[0];
    let inverted = s
        .singular_values
        .map(|sigma| if sigma > cutoff { 1.0 / sigma } else { 0.0 });
    Ok(s.v_t.transpose() * DMatrix::from_diagonal(&inverted) * s.u.transpose())
}

/// Returns the 2-norm condition number σ_max / σ_min (`f64::INFINITY` when σ_min = 0).
///
/// # Errors
/// - `LinalgError::Empty` / `LinalgError::NonFinite` for an empty or non-finite A;
/// - `LinalgError::NoConvergence { .. }` passed on from the SVD.
pub fn condition_number(a: &DMatrix<f64>) -> Result<f64, LinalgError> {
    let s = svd(a)?;
    let sigma = &s.singular_values;
    let smallest = sigma[sigma.len() - 1];
    if smallest == 0.0 {
        return Ok(f64::INFINITY);
    }
    Ok(sigma[0] / smallest)
}
