//! # 1.6 Central limit theorem — a seeded, parallel simulation of standardized means
//!
//! Replicate i owns the generator (seed, stream i), so no thread ever touches another
//! replicate's random numbers: the result is the same for any number of threads.
//!
//! ```text
//! Zᵢ = (x̄ᵢ − μ) / (σ / √n),   μ = σ = 1 for Exponential(1)
//! ```

use mathlings_stats::StatsError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Mean and standard deviation of Exponential(1).
const MU: f64 = 1.0;
const SIGMA: f64 = 1.0;

/// Returns `replicates` standardized means Z = (x̄ − 1)·√n of n = `sample_size` Exponential(1)
/// draws each, replicate i drawn from its own generator (seed, stream i), computed in parallel.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "sample_size", .. }` when `sample_size` is 0;
/// - `StatsError::InvalidParameter { name: "replicates", .. }` when `replicates` is 0.
pub fn standardized_means(
    sample_size: usize,
    replicates: usize,
    seed: u64,
) -> Result<Vec<f64>, StatsError> {
    if sample_size == 0 {
        return Err(StatsError::InvalidParameter {
            name: "sample_size",
            reason: "must be at least 1",
        });
    }
    if replicates == 0 {
        return Err(StatsError::InvalidParameter {
            name: "replicates",
            reason: "must be at least 1",
        });
    }
    let n = sample_size as f64;
    let standard_error = SIGMA / n.sqrt();
    Ok((0..replicates)
        .into_par_iter()
        .map(|i| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(i as u64);
            let total: f64 = (0..sample_size)
                .map(|_| -(-rng.random::<f64>()).ln_1p())
                .sum();
            (total / n - MU) / standard_error
        })
        .collect())
}
