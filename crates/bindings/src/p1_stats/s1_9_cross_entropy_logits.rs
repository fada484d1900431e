//! The interface of 1.9 — binary cross-entropy from logits, computed stably.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `binary_cross_entropy_with_logits(logits, labels)`: the mean BCE.
    pub binary_cross_entropy_with_logits: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_9_cross_entropy_logits {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_9_cross_entropy_logits::Impl {
            binary_cross_entropy_with_logits: $($m::)+binary_cross_entropy_with_logits,
        }
    };
}
