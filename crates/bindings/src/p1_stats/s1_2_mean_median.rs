//! The interface of 1.2 — the mean (compensated summation) and the median.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `mean(x)`: (x₁ + … + xₙ)/n.
    pub mean: fn(&[f64]) -> Result<f64, StatsError>,
    /// `median(x)`: the middle of the sorted values.
    pub median: fn(&[f64]) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_2_mean_median {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_2_mean_median::Impl {
            mean: $($m::)+mean,
            median: $($m::)+median,
        }
    };
}
