//! The interface of 1.3 — sample variance.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `sample_variance(xs)`: Σ(xᵢ − x̄)² / (n − 1).
    pub sample_variance: fn(&[f64]) -> Result<f64, StatsError>,
}
