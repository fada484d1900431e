//! The interface of 2.5 — the Cholesky factorisation and positive-definiteness.

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// The exercise's signature.
pub struct Impl {
    /// `cholesky(a)`: the lower-triangular L with L Lᵀ = A.
    pub cholesky: fn(&DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError>,
}
