//! The interface of 1.4 — Simpson's rule and the empirical cdf.

use mathlings_types::StatsError;

/// `simpson(f, a, b, intervals)`.
pub type SimpsonFn = fn(fn(f64) -> f64, f64, f64, usize) -> Result<f64, StatsError>;

/// The exercise's signature.
pub struct Impl {
    /// `simpson(f, a, b, intervals)`: composite Simpson's rule.
    pub simpson: SimpsonFn,
    /// `empirical_cdf(sample, x)`: #{xᵢ ≤ x}/n.
    pub empirical_cdf: fn(&[f64], f64) -> Result<f64, StatsError>,
}
