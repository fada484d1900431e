//! The interface of 2.3 — the inverse by Gauss–Jordan elimination with partial pivoting.

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// A matrix, or the typed error.
pub type MatrixResult = Result<DMatrix<f64>, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `inverse(a)`: A⁻¹.
    pub inverse: fn(&DMatrix<f64>) -> MatrixResult,
}
