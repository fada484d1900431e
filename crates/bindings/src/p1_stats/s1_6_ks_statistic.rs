//! The interface of 1.6 — the Kolmogorov–Smirnov statistic.

use mathlings_types::StatsError;

/// A cdf the learner's function receives.
pub type Cdf = fn(f64) -> f64;

/// The exercise's signature.
pub struct Impl {
    /// `ks_statistic(sample, cdf)`: sup |Fₙ − F|.
    pub ks_statistic: fn(&[f64], Cdf) -> Result<f64, StatsError>,
}
