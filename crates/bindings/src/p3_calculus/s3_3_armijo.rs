//! The interface of 3.3 — backtracking line search with the Armijo condition.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::CalculusError;

/// The exercise's signature.
pub struct Impl {
    /// `armijo_backtracking(f, grad_x, x, direction, initial_step, c, shrink)`.
    pub armijo_backtracking:
        fn(fn(&[f64]) -> f64, &[f64], &[f64], &[f64], f64, f64, f64) -> Result<f64, CalculusError>,
}
