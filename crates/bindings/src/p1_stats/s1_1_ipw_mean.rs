//! The interface of 1.1 — the inverse-probability-weighted (Hájek) mean.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `ipw_mean(values, inclusion_probabilities)`: Σ(yᵢ/πᵢ) / Σ(1/πᵢ).
    pub ipw_mean: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_1_ipw_mean {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_1_ipw_mean::Impl { ipw_mean: $($m::)+ipw_mean }
    };
}
