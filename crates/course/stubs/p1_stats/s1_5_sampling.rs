//! # 1.5 Distributions — sampling: uniform, normal (Box–Muller), exponential (inverse cdf)
//!
//! A random number generator gives uniform numbers u in [0, 1). Every other distribution is a
//! transformation of them:
//!
//! ```text
//! uniform on [a, b):   x = a + (b − a)·u
//! normal (Box–Muller): r = √(−2 ln u₁),  θ = 2π u₂,  z₁ = r cos θ,  z₂ = r sin θ,  x = μ + σ z
//! exponential(λ):      F(x) = 1 − e^(−λx)  ⇒  x = F⁻¹(u) = −ln(1 − u) / λ
//! ```
//!
//! Box–Muller needs two *independent* uniforms u₁, u₂ per pair and returns two independent
//! standard normals z₁, z₂ (use both; for odd n drop the last one). Take u₁ from (0, 1] (e.g.
//! 1 − u) so that ln u₁ is finite. The exponential's λ is a *rate*: the mean is 1/λ.
//!
//! Randomness comes from a seed, so results are reproducible: create one generator per call,
//! `let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);` (with `use rand::{Rng,
//! SeedableRng};`), and draw with `let u: f64 = rng.random();` (uniform in [0, 1)). The checks
//! compare your samples' means, variances and Kolmogorov–Smirnov distances with what the
//! distribution predicts, with generous bounds (a correct sampler fails them with probability
//! < 1e-6), and call every function twice with the same seed.
//!
//! Bad parameters give a typed error; n = 0 gives an empty vector.

use mathlings_stats::StatsError;

/// Returns `n` draws from the uniform distribution on [a, b), generated from `seed`.
///
/// # Errors
/// - `StatsError::NonFinite` when `a` or `b` is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "b", .. }` (reason of your choice) unless a < b.
pub fn sample_uniform(a: f64, b: f64, n: usize, seed: u64) -> Result<Vec<f64>, StatsError> {
    // TODO: validate, seed a ChaCha8Rng, map each uniform u to a + (b − a)·u.
    todo!()
}

/// Returns `n` draws from N(μ, σ²) by the Box–Muller transform, generated from `seed`.
///
/// # Errors
/// - `StatsError::NonFinite` when `mu` is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "sigma", .. }` unless σ is finite and > 0.
pub fn sample_normal(mu: f64, sigma: f64, n: usize, seed: u64) -> Result<Vec<f64>, StatsError> {
    // TODO: validate; for each pair draw u₁ ∈ (0, 1] and u₂, push μ + σ·r·cos θ and μ + σ·r·sin θ.
    todo!()
}

/// Returns `n` draws from the exponential distribution with rate λ (mean 1/λ), by inverting its
/// cdf, generated from `seed`.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "lambda", .. }` unless λ is finite and > 0.
pub fn sample_exponential(lambda: f64, n: usize, seed: u64) -> Result<Vec<f64>, StatsError> {
    // TODO: validate, then map each uniform u to −ln(1 − u)/λ.
    todo!()
}
