//! The interface of 4.2 — ridge regression with an unpenalised intercept.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::ModelError;
use nalgebra::{DMatrix, DVector};

/// The exercise's signature.
pub struct Impl {
    /// `ridge(x, y, lambda)`: (β₀, β) of the L2-penalised least-squares fit.
    pub ridge: fn(&DMatrix<f64>, &DVector<f64>, f64) -> Result<DVector<f64>, ModelError>,
}
