//! The interface of 1.9 — binary cross-entropy from logits, computed stably.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `binary_cross_entropy_with_logits(logits, labels)`: the mean BCE.
    pub binary_cross_entropy_with_logits: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}
