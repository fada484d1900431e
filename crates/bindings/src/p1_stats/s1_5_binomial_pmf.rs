//! The interface of 1.5 — the binomial pmf in log space.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `binomial_pmf(k, n, p)`: P(X = k) for X ~ Binomial(n, p).
    pub binomial_pmf: fn(u64, u64, f64) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_5_binomial_pmf {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_5_binomial_pmf::Impl { binomial_pmf: $($m::)+binomial_pmf }
    };
}
