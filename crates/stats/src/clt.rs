//! §1.6 The central limit theorem: the Kolmogorov–Smirnov distance and a seeded, parallel
//! simulation of standardized sample means.

use crate::StatsError;
use crate::descriptive::sorted;
use crate::exponential::exponential_draw;
use crate::summation::neumaier_sum;
use crate::validate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Kolmogorov–Smirnov statistic: the largest vertical gap between the empirical cdf of a
/// sample and a reference cdf.
///
/// # Formula
/// ```text
/// D = maxᵢ max( i/n − F(x₍ᵢ₎),  F(x₍ᵢ₎) − (i − 1)/n )
/// ```
/// where x₍₁₎ ≤ … ≤ x₍ₙ₎ is the sorted sample and F the reference cdf; D ∈ [0, 1].
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`] for NaN/±∞ in the sample, and
/// [`StatsError::InvalidParameter`] if `cdf` returns a value outside [0, 1] (or NaN).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{ks_statistic, StatsError};
/// let uniform_cdf = |x: f64| x.clamp(0.0, 1.0);
/// assert_relative_eq!(ks_statistic(&[0.25, 0.75], uniform_cdf).unwrap(), 0.25);
/// assert!(matches!(ks_statistic(&[0.5], |_| 2.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn ks_statistic(sample: &[f64], cdf: impl Fn(f64) -> f64) -> Result<f64, StatsError> {
    validate::finite_sample(sample)?;
    let s = sorted(sample);
    let n = s.len() as f64;
    let mut d: f64 = 0.0;
    for (i, &x) in s.iter().enumerate() {
        let f = cdf(x);
        if !(0.0..=1.0).contains(&f) {
            return Err(StatsError::InvalidParameter {
                name: "cdf",
                reason: "must return values in [0, 1]",
            });
        }
        let above = (i + 1) as f64 / n - f;
        let below = f - i as f64 / n;
        d = d.max(above).max(below);
    }
    Ok(d)
}

/// Simulates `replicates` standardized means of `sample_size` Exponential(1) draws, in parallel.
///
/// Replicate i uses its own ChaCha8 generator seeded with `seed` on stream i, so each replicate's
/// numbers do not depend on which thread runs it: the result is identical for any number of
/// threads. By the central limit theorem the values approach N(0, 1) as `sample_size` grows.
///
/// # Formula
/// ```text
/// Zᵢ = (x̄ᵢ − μ) / (σ / √n),   μ = σ = 1 for Exponential(1)
/// ```
/// where x̄ᵢ is the mean of the i-th sample of n = `sample_size` draws.
///
/// # Errors
/// [`StatsError::InvalidParameter`] if `sample_size` or `replicates` is 0.
///
/// # Examples
/// ```
/// use mathlings_stats::{clt_standardized_means, StatsError};
/// let z = clt_standardized_means(30, 100, 1).unwrap();
/// assert_eq!(z.len(), 100);
/// assert_eq!(z, clt_standardized_means(30, 100, 1).unwrap()); // reproducible
/// assert!(matches!(clt_standardized_means(0, 100, 1), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn clt_standardized_means(
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
    let (mu, sigma) = (1.0, 1.0); // mean and standard deviation of Exponential(1)
    Ok((0..replicates)
        .into_par_iter()
        .map(|i| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(i as u64);
            let total = neumaier_sum((0..sample_size).map(|_| exponential_draw(1.0, &mut rng)));
            (total / n - mu) / (sigma / n.sqrt())
        })
        .collect())
}
