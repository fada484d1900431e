//! The interface of 2.4 — a null-space basis and the linear-independence test.

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// A matrix, or the typed error.
pub type MatrixResult = Result<DMatrix<f64>, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `null_space(a)`: a basis of {x : Ax = 0} as columns.
    pub null_space: fn(&DMatrix<f64>) -> MatrixResult,
    /// `is_linearly_independent(vectors)`.
    pub is_linearly_independent: fn(&[Vec<f64>]) -> Result<bool, LinalgError>,
}
