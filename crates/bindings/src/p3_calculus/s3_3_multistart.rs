//! The interface of 3.3 — multi-start search: keep the best of several local runs.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::CalculusError;

/// An objective: x ↦ f(x).
pub type Objective = fn(&[f64]) -> f64;

/// A local minimizer: start ↦ the point it reaches.
pub type Local = fn(&[f64]) -> Result<Vec<f64>, CalculusError>;

/// The exercise's signature.
pub struct Impl {
    /// `multi_start(f, local, starts)`: the best (x, f(x)) over the local runs.
    pub multi_start: fn(Objective, Local, &[Vec<f64>]) -> Result<(Vec<f64>, f64), CalculusError>,
}
