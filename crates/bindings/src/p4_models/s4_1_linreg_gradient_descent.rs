//! The interface of 4.1 — linear regression by batch gradient descent on standardised features.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::ModelError;
use nalgebra::{DMatrix, DVector};

/// The learner's result: coefficients (intercept first) and the loss after each epoch.
pub type Fit = Result<(DVector<f64>, Vec<f64>), ModelError>;

/// The exercise's signature.
pub struct Impl {
    /// `linreg_gradient_descent(x, y, learning_rate, epochs)`.
    pub linreg_gradient_descent: fn(&DMatrix<f64>, &DVector<f64>, f64, usize) -> Fit,
}
