//! The interface of 2.3 — solving A x = b by LU with partial pivoting.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// A vector, or the typed error.
pub type VectorResult = Result<DVector<f64>, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `solve(a, b)`: x with A x = b.
    pub solve: fn(&DMatrix<f64>, &DVector<f64>) -> VectorResult,
}
