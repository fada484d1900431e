//! The interface of 1.5 — the normal pdf and cdf with the learner's own erf.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `erf(x)`: the error function.
    pub erf: fn(f64) -> f64,
    /// `normal_pdf(x, mu, sigma)`.
    pub normal_pdf: fn(f64, f64, f64) -> Result<f64, StatsError>,
    /// `normal_cdf(x, mu, sigma)`.
    pub normal_cdf: fn(f64, f64, f64) -> Result<f64, StatsError>,
}
