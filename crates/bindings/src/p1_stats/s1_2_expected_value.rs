//! The interface of 1.2 — the expected value of a discrete distribution.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `expected_value(values, probabilities)`: Σ xᵢ·pᵢ.
    pub expected_value: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_2_expected_value {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_2_expected_value::Impl { expected_value: $($m::)+expected_value }
    };
}
