//! The interface of 1.3 — sample variance.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `sample_variance(xs)`: Σ(xᵢ − x̄)² / (n − 1).
    pub sample_variance: fn(&[f64]) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_3_sample_variance {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_3_sample_variance::Impl {
            sample_variance: $($m::)+sample_variance,
        }
    };
}
