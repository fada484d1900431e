//! The interface of 1.2 — the mean (compensated summation) and the median.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `mean(x)`: (x₁ + … + xₙ)/n.
    pub mean: fn(&[f64]) -> Result<f64, StatsError>,
    /// `median(x)`: the middle of the sorted values.
    pub median: fn(&[f64]) -> Result<f64, StatsError>,
}
