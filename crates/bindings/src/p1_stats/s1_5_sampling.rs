//! The interface of 1.5 — seeded sampling from the uniform, normal and exponential distributions.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `sample_uniform(a, b, n, seed)`.
    pub sample_uniform: fn(f64, f64, usize, u64) -> Result<Vec<f64>, StatsError>,
    /// `sample_normal(mu, sigma, n, seed)` by Box–Muller.
    pub sample_normal: fn(f64, f64, usize, u64) -> Result<Vec<f64>, StatsError>,
    /// `sample_exponential(lambda, n, seed)` by inverting the cdf.
    pub sample_exponential: fn(f64, usize, u64) -> Result<Vec<f64>, StatsError>,
}
