//! The interface of 1.1 — sampling k of n without replacement (partial Fisher–Yates).

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `sample_without_replacement(n, k, seed)`: k distinct indices of 0..n.
    pub sample_without_replacement: fn(usize, usize, u64) -> Result<Vec<usize>, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_1_sample_without_replacement {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_1_sample_without_replacement::Impl {
            sample_without_replacement: $($m::)+sample_without_replacement,
        }
    };
}
