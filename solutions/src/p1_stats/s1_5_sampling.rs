//! # 1.5 Distributions — sampling: uniform, normal (Box–Muller), exponential (inverse cdf)
//!
//! ```text
//! uniform:     x = a + (b − a)·u
//! Box–Muller:  r = √(−2 ln u₁), θ = 2π u₂, z₁ = r cos θ, z₂ = r sin θ
//! exponential: x = −ln(1 − u)/λ = −ln_1p(−u)/λ
//! ```

use std::f64::consts::PI;

use mathlings_stats::StatsError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn positive(value: f64, name: &'static str) -> Result<(), StatsError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(StatsError::InvalidParameter {
            name,
            reason: "must be finite and > 0",
        })
    }
}

/// Returns `n` draws from the uniform distribution on [a, b), generated from `seed`.
///
/// # Errors
/// - `StatsError::NonFinite` when `a` or `b` is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "b", .. }` (reason of your choice) unless a < b.
pub fn sample_uniform(a: f64, b: f64, n: usize, seed: u64) -> Result<Vec<f64>, StatsError> {
    if !a.is_finite() || !b.is_finite() {
        return Err(StatsError::NonFinite);
    }
    if a >= b {
        return Err(StatsError::InvalidParameter {
            name: "b",
            reason: "must be greater than a",
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Ok((0..n)
        .map(|_| {
            let u: f64 = rng.random();
            a + (b - a) * u
        })
        .collect())
}

/// Returns `n` draws from N(μ, σ²) by the Box–Muller transform, generated from `seed`.
///
/// # Errors
/// - `StatsError::NonFinite` when `mu` is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "sigma", .. }` unless σ is finite and > 0.
pub fn sample_normal(mu: f64, sigma: f64, n: usize, seed: u64) -> Result<Vec<f64>, StatsError> {
    if !mu.is_finite() {
        return Err(StatsError::NonFinite);
    }
    positive(sigma, "sigma")?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::with_capacity(n + 1);
    while out.len() < n {
        let u1: f64 = 1.0 - rng.random::<f64>(); // in (0, 1], so ln u1 is finite
        let u2: f64 = rng.random();
        let r = (-2.0 * u1.ln()).sqrt();
        let theta = 2.0 * PI * u2;
        out.push(mu + sigma * r * theta.cos());
        out.push(mu + sigma * r * theta.sin());
    }
    out.truncate(n);
    Ok(out)
}

/// Returns `n` draws from the exponential distribution with rate λ (mean 1/λ), by inverting its
/// cdf, generated from `seed`.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "lambda", .. }` unless λ is finite and > 0.
pub fn sample_exponential(lambda: f64, n: usize, seed: u64) -> Result<Vec<f64>, StatsError> {
    positive(lambda, "lambda")?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Ok((0..n)
        .map(|_| {
            let u: f64 = rng.random();
            -(-u).ln_1p() / lambda
        })
        .collect())
}
