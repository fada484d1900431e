//! The interface of 1.8 — the diagnostic test (base-rate problem).

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `p_disease_given_positive(prevalence, sensitivity, specificity)`.
    pub p_disease_given_positive: fn(f64, f64, f64) -> Result<f64, StatsError>,
    /// `p_disease_given_negative(prevalence, sensitivity, specificity)`.
    pub p_disease_given_negative: fn(f64, f64, f64) -> Result<f64, StatsError>,
}
