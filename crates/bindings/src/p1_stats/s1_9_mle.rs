//! The interface of 1.9 — maximum-likelihood estimates of the normal, Bernoulli and Poisson models.

use mathlings_types::StatsError;

/// The normal fit (μ̂, σ̂), or the typed error.
pub type NormalFit = Result<(f64, f64), StatsError>;

/// The exercise's signature.
pub struct Impl {
    /// `normal_mle(x)`: (mean, √(Σ(xᵢ − x̄)²/n)).
    pub normal_mle: fn(&[f64]) -> NormalFit,
    /// `bernoulli_mle(x)`: the fraction of `true`.
    pub bernoulli_mle: fn(&[bool]) -> Result<f64, StatsError>,
    /// `poisson_mle(x)`: the mean count.
    pub poisson_mle: fn(&[u64]) -> Result<f64, StatsError>,
}
