//! The result of the thin singular value decomposition (`mathlings_linalg::svd`).

use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

/// A thin singular value decomposition `A = U Σ Vᵀ`, k = min(m, n).
///
/// # Examples
/// ```
/// use mathlings_types::Svd;
/// use nalgebra::{dmatrix, dvector, DMatrix};
///
/// // The SVD of diag(3, −2) as a 3×2 matrix: U picks the first two axes, the sign goes to U.
/// let s = Svd {
///     u: dmatrix![1.0, 0.0; 0.0, -1.0; 0.0, 0.0],
///     singular_values: dvector![3.0, 2.0],
///     v_t: dmatrix![1.0, 0.0; 0.0, 1.0],
/// };
/// assert_eq!(s.u.shape(), (3, 2));
/// let a = &s.u * DMatrix::from_diagonal(&s.singular_values) * &s.v_t;
/// assert_eq!(a, dmatrix![3.0, 0.0; 0.0, -2.0; 0.0, 0.0]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Svd {
    /// m×k left singular vectors (orthonormal columns).
    pub u: DMatrix<f64>,
    /// The k singular values σ₀ ≥ σ₁ ≥ … ≥ 0 (descending).
    pub singular_values: DVector<f64>,
    /// k×n transposed right singular vectors (orthonormal rows). Each pair (uᵢ, vᵢ) is
    /// sign-normalised so that the largest-|entry| component of vᵢ is positive.
    pub v_t: DMatrix<f64>,
}
