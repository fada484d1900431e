//! The interface of 1.3 — covariance and Pearson correlation.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `covariance(x, y)`: Σ(xᵢ − x̄)(yᵢ − ȳ) / (n − 1).
    pub covariance: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
    /// `pearson_correlation(x, y)`: Sxy / √(Sxx·Syy).
    pub pearson_correlation: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}
