//! The interface of 1.1 — the inverse-probability-weighted (Hájek) mean.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `ipw_mean(values, inclusion_probabilities)`: Σ(yᵢ/πᵢ) / Σ(1/πᵢ).
    pub ipw_mean: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}
