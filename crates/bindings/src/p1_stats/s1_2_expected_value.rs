//! The interface of 1.2 — the expected value of a discrete distribution.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `expected_value(values, probabilities)`: Σ xᵢ·pᵢ.
    pub expected_value: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}
