//! The interface of 1.10 — multiple least squares by Householder QR.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::ModelError;
use nalgebra::{DMatrix, DVector};

/// The exercise's signature.
pub struct Impl {
    /// `ols(x, y)`: coefficients (intercept first) and R² of the least-squares fit.
    pub ols: fn(&DMatrix<f64>, &DVector<f64>) -> Result<(DVector<f64>, f64), ModelError>,
}
