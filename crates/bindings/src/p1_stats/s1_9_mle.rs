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

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_9_mle {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_9_mle::Impl {
            normal_mle: $($m::)+normal_mle,
            bernoulli_mle: $($m::)+bernoulli_mle,
            poisson_mle: $($m::)+poisson_mle,
        }
    };
}
