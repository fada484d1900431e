//! The interface of 2.2 — matrix sum, transpose and product (shape-checked).

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// A matrix, or the typed error.
pub type MatrixResult = Result<DMatrix<f64>, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `add(a, b)`: A + B.
    pub add: fn(&DMatrix<f64>, &DMatrix<f64>) -> MatrixResult,
    /// `transpose(a)`: Aᵀ.
    pub transpose: fn(&DMatrix<f64>) -> DMatrix<f64>,
    /// `matmul(a, b)`: AB.
    pub matmul: fn(&DMatrix<f64>, &DMatrix<f64>) -> MatrixResult,
}
