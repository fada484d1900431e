//! The interface of 2.2 — a batched dense layer Y = X Wᵀ + 1 bᵀ.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// A matrix, or the typed error.
pub type MatrixResult = Result<DMatrix<f64>, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `dense_layer(x, w, b)`: X Wᵀ + 1 bᵀ.
    pub dense_layer: fn(&DMatrix<f64>, &DMatrix<f64>, &DVector<f64>) -> MatrixResult,
}
