//! The interface of 1.1 — the standard error of the mean and the percentile bootstrap interval.

use mathlings_types::StatsError;

/// `bootstrap_mean_ci(data, resamples, level, seed) -> Result<(lower, upper), StatsError>`.
pub type CiFn = fn(&[f64], usize, f64, u64) -> Result<(f64, f64), StatsError>;

/// The exercise's signature.
pub struct Impl {
    /// `standard_error_of_mean(data)`: s/√n.
    pub standard_error_of_mean: fn(&[f64]) -> Result<f64, StatsError>,
    /// `bootstrap_mean_ci(data, resamples, level, seed)`: the percentile interval.
    pub bootstrap_mean_ci: CiFn,
}
