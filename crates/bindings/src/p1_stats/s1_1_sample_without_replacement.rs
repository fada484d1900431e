//! The interface of 1.1 — sampling k of n without replacement (partial Fisher–Yates).

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `sample_without_replacement(n, k, seed)`: k distinct indices of 0..n.
    pub sample_without_replacement: fn(usize, usize, u64) -> Result<Vec<usize>, StatsError>,
}
