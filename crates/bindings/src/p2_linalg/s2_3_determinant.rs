//! The interface of 2.3 — the determinant by LU with partial pivoting.

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// The exercise's signature.
pub struct Impl {
    /// `determinant(a)`: det A by elimination with partial pivoting.
    pub determinant: fn(&DMatrix<f64>) -> Result<f64, LinalgError>,
}
