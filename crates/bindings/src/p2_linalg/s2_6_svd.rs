//! The interface of 2.6 — the SVD by one-sided Jacobi.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// The learner's result: (U, σ, Vᵀ).
pub type Triple = (DMatrix<f64>, DVector<f64>, DMatrix<f64>);

/// The learner's result.
pub type Decomposition = Result<Triple, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `svd(a)`: the thin SVD (U, σ descending, Vᵀ).
    pub svd: fn(&DMatrix<f64>) -> Decomposition,
}
