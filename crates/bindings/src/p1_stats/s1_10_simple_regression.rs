//! The interface of 1.10 — simple linear regression in closed form.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `simple_linear_regression(x, y)`: `(β₀, β₁, R²)` of the least-squares line.
    pub simple_linear_regression: fn(&[f64], &[f64]) -> Result<(f64, f64, f64), StatsError>,
}
