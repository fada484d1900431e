//! # 2.5 Eigenvalues & eigenvectors — Cholesky factorisation and positive-definiteness
//!
//! A symmetric matrix is positive definite (PD) when xᵀAx > 0 for every x ≠ 0 —
//! equivalently, when all its eigenvalues are positive. Covariance matrices of
//! non-degenerate data are PD. Exactly these matrices factor as A = L Lᵀ with L lower
//! triangular and a positive diagonal (a "matrix square root"), which makes solving
//! A x = b, sampling from a Gaussian and computing log det A cheap. Compute L column by
//! column; the number under each square root must be positive, and the first time it is
//! not (≤ 0) you have proven that A is not positive definite.
//!
//! ```text
//! lⱼⱼ = √(aⱼⱼ − Σ_{k<j} lⱼₖ²)
//! lᵢⱼ = (aᵢⱼ − Σ_{k<j} lᵢₖ lⱼₖ) / lⱼⱼ        for i > j;     lᵢⱼ = 0 for i < j
//! ```

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// Returns the lower-triangular L with a positive diagonal such that L Lᵀ = A.
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::NotSymmetric` when some |aᵢⱼ − aⱼᵢ| > 1e-10 · max|aₖₗ|;
/// - `LinalgError::NotPositiveDefinite` when some aⱼⱼ − Σ_{k<j} lⱼₖ² ≤ 0 (never take the
///   square root of it: that gives NaN).
pub fn cholesky(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: validate A; fill L column by column with the formulas above, returning
    // NotPositiveDefinite as soon as a diagonal term is ≤ 0.
    todo!()
}
