//! The interface of 1.5 — the binomial pmf in log space.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `binomial_pmf(k, n, p)`: P(X = k) for X ~ Binomial(n, p).
    pub binomial_pmf: fn(u64, u64, f64) -> Result<f64, StatsError>,
}
