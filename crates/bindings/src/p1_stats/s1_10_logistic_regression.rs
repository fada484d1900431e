//! The interface of 1.10 — a stable sigmoid and logistic regression by Newton/IRLS.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::ModelError;
use nalgebra::{DMatrix, DVector};

/// The exercise's signature.
pub struct Impl {
    /// `sigmoid(z)`: 1 / (1 + e⁻ᶻ), stable.
    pub sigmoid: fn(f64) -> f64,
    /// `logistic_regression(x, y, max_iter)`: (β₀, β) by Newton's method.
    pub logistic_regression: fn(&DMatrix<f64>, &[bool], usize) -> Result<DVector<f64>, ModelError>,
}
