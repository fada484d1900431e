//! The interface of 1.3 — covariance and Pearson correlation.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `covariance(x, y)`: Σ(xᵢ − x̄)(yᵢ − ȳ) / (n − 1).
    pub covariance: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
    /// `pearson_correlation(x, y)`: Sxy / √(Sxx·Syy).
    pub pearson_correlation: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_3_correlation {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_3_correlation::Impl {
            covariance: $($m::)+covariance,
            pearson_correlation: $($m::)+pearson_correlation,
        }
    };
}
