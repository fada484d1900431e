//! The interface of 1.8 — the diagnostic test (base-rate problem).

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `p_disease_given_positive(prevalence, sensitivity, specificity)`.
    pub p_disease_given_positive: fn(f64, f64, f64) -> Result<f64, StatsError>,
    /// `p_disease_given_negative(prevalence, sensitivity, specificity)`.
    pub p_disease_given_negative: fn(f64, f64, f64) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_8_diagnostic_test {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_8_diagnostic_test::Impl {
            p_disease_given_positive: $($m::)+p_disease_given_positive,
            p_disease_given_negative: $($m::)+p_disease_given_negative,
        }
    };
}
