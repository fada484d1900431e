//! The interface of 1.8 — the Beta–Binomial conjugate update and its credible interval.

use mathlings_types::StatsError;

/// A pair of numbers (parameters or interval ends), or the typed error.
pub type Pair = Result<(f64, f64), StatsError>;

/// The exercise's signature.
pub struct Impl {
    /// `beta_binomial_update(alpha, beta, successes, failures)`: (α + s, β + f).
    pub beta_binomial_update: fn(f64, f64, u64, u64) -> Pair,
    /// `posterior_mean(alpha, beta)`: α / (α + β).
    pub posterior_mean: fn(f64, f64) -> Result<f64, StatsError>,
    /// `credible_interval(alpha, beta, level)`: the (1 ∓ level)/2 quantiles.
    pub credible_interval: fn(f64, f64, f64) -> Pair,
}
