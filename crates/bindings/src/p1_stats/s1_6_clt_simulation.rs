//! The interface of 1.6 — a seeded, parallel simulation of the central limit theorem.

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `standardized_means(sample_size, replicates, seed)`.
    pub standardized_means: fn(usize, usize, u64) -> Result<Vec<f64>, StatsError>,
}
