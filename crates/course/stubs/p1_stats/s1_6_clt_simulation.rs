//! # 1.6 Central limit theorem — a seeded, parallel simulation of standardized means
//!
//! The central limit theorem says that the mean x̄ of n independent draws from *any*
//! distribution with mean μ and standard deviation σ is approximately normal for large n, with
//! standard deviation σ/√n (the standard error). Standardized, it approaches N(0, 1):
//!
//! ```text
//! Z = (x̄ − μ) / (σ / √n)   →   N(0, 1)   as n grows
//! ```
//!
//! You will see it happen for a very skewed distribution, Exponential(1) (μ = σ = 1): simulate
//! `replicates` independent samples of `sample_size` draws x = −ln(1 − u), and return each
//! sample's Z. The checks measure the Kolmogorov–Smirnov distance of your Z's to N(0, 1) and
//! watch it shrink as n grows.
//!
//! The replicates are independent, so compute them in parallel with rayon:
//! `(0..replicates).into_par_iter().map(|i| …).collect()`. A parallel simulation must still be
//! reproducible: the result may depend on `seed` only, never on how many threads ran it or
//! in which order. So give every replicate its *own* generator, derived from (seed, i) — never
//! one generator shared (behind a Mutex) by all threads, whose draws would go to whichever
//! replicate happens to ask first. Derive it exactly like this, so that your numbers can be
//! compared with the reference simulation:
//!
//! ```text
//! let mut rng = ChaCha8Rng::seed_from_u64(seed);   // use rand::{Rng, SeedableRng};
//! rng.set_stream(i as u64);                        // replicate i: its own stream
//! let u: f64 = rng.random();                       // then x = −ln(1 − u), sample_size times
//! ```
//!
//! `sample_size` = 0 or `replicates` = 0 is a typed error.

use mathlings_stats::StatsError;

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
    // TODO: validate; then in parallel over i, seed replicate i's generator, average
    // sample_size exponential draws, and standardize with μ = 1 and σ/√n = 1/√n.
    todo!()
}
