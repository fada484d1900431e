//! # 2.5 Eigenvalues & eigenvectors — symmetric eigendecomposition by Jacobi rotations
//!
//! A symmetric matrix has real eigenvalues and orthonormal eigenvectors: A = V Λ Vᵀ. Jacobi's
//! method finds them by rotating: a plane rotation J in coordinates (p, q), chosen so that
//! JᵀAJ has a zero at (p, q), keeps the eigenvalues and shrinks the off-diagonal part. Sweep
//! over every pair p < q again and again ("cyclic Jacobi") until the off-diagonal entries
//! are negligible: the diagonal is then Λ and the product of all rotations is V.
//!
//! ```text
//! θ from  τ = (a_qq − a_pp) / (2 a_pq),   t = tan θ = sign(τ) / (|τ| + √(1 + τ²)),
//!         c = 1 / √(1 + t²),   s = t·c
//! A ← Jᵀ A J,   V ← V J,   J = identity except J_pp = J_qq = c, J_pq = s, J_qp = −s
//! stop when Σ_{i≠j} aᵢⱼ² ≤ (ε · ‖A‖_F)²   (ε = f64::EPSILON)
//! ```
//!
//! Return the eigenvalues sorted in DESCENDING order, and the eigenvectors as the COLUMNS of
//! V, column i belonging to eigenvalue i (so A V = V Λ) — permute the columns when you sort.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// Returns (λ, V): the eigenvalues λ₀ ≥ λ₁ ≥ … ≥ λₙ₋₁ of the symmetric matrix A and an
/// orthonormal V whose column i is an eigenvector for λᵢ (A V = V diag(λ)).
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::NotSymmetric` when some |aᵢⱼ − aⱼᵢ| > 1e-10 · max|aₖₗ|;
/// - `LinalgError::NoConvergence { iterations: 100 }` if 100 sweeps do not suffice.
pub fn symmetric_eigen(a: &DMatrix<f64>) -> Result<(DVector<f64>, DMatrix<f64>), LinalgError> {
    // TODO: validate; copy A and start V = I; sweep over all pairs p < q applying Jacobi
    // rotations until the off-diagonal part is negligible; sort the eigenpairs descending.
    todo!()
}
