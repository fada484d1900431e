//! The interface of 1.6 — the Kolmogorov–Smirnov statistic.

use mathlings_types::StatsError;

/// A cdf the learner's function receives.
pub type Cdf = fn(f64) -> f64;

/// The exercise's signature.
pub struct Impl {
    /// `ks_statistic(sample, cdf)`: sup |Fₙ − F|.
    pub ks_statistic: fn(&[f64], Cdf) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_6_ks_statistic {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_6_ks_statistic::Impl { ks_statistic: $($m::)+ks_statistic }
    };
}
