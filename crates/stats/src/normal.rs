//! §1.5 The normal (Gaussian) distribution: density, cdf and Box–Muller sampling.

use crate::StatsError;
use crate::special::erfc;
use crate::validate;
use rand::Rng;
use std::f64::consts::{FRAC_1_SQRT_2, PI};

/// Checks the parameters of N(μ, σ²): μ finite, σ finite and > 0.
fn check_parameters(mu: f64, sigma: f64) -> Result<(), StatsError> {
    validate::finite(mu)?;
    validate::positive(sigma, "sigma")
}

/// Density of the normal distribution N(μ, σ²) at x.
///
/// # Formula
/// ```text
/// f(x) = exp(−(x − μ)² / (2σ²)) / (σ √(2π))
/// ```
/// where μ is the mean and σ > 0 the standard deviation.
///
/// # Errors
/// [`StatsError::NonFinite`] if x or μ is NaN/±∞, [`StatsError::InvalidParameter`] if σ is not
/// finite and positive.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{normal_pdf, StatsError};
/// assert_relative_eq!(normal_pdf(0.0, 0.0, 1.0).unwrap(), 0.3989422804014327, max_relative = 1e-15);
/// assert!(matches!(normal_pdf(0.0, 0.0, -1.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn normal_pdf(x: f64, mu: f64, sigma: f64) -> Result<f64, StatsError> {
    validate::finite(x)?;
    check_parameters(mu, sigma)?;
    let z = (x - mu) / sigma;
    Ok((-0.5 * z * z).exp() / (sigma * (2.0 * PI).sqrt()))
}

/// Cumulative distribution function Φ of N(μ, σ²), accurate far into both tails.
///
/// Uses erfc rather than 1 + erf: for x far below μ, 1 + erf(·) would cancel to 0 long before
/// the true probability underflows (Φ(−30) ≈ 4.9e-198 is returned to ~13 digits).
///
/// # Formula
/// ```text
/// Φ(x) = ½ erfc(−(x − μ) / (σ √2))
/// ```
/// where μ is the mean, σ > 0 the standard deviation and erfc the complementary error function.
///
/// # Errors
/// [`StatsError::NonFinite`] if x or μ is NaN/±∞, [`StatsError::InvalidParameter`] if σ is not
/// finite and positive.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{normal_cdf, StatsError};
/// assert_relative_eq!(normal_cdf(1.0, 1.0, 2.0).unwrap(), 0.5);
/// assert_relative_eq!(normal_cdf(-10.0, 0.0, 1.0).unwrap(), 7.619853024160527e-24, max_relative = 1e-13);
/// assert!(matches!(normal_cdf(0.0, 0.0, 0.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn normal_cdf(x: f64, mu: f64, sigma: f64) -> Result<f64, StatsError> {
    validate::finite(x)?;
    check_parameters(mu, sigma)?;
    let z = (x - mu) / sigma;
    Ok(0.5 * erfc(-z * FRAC_1_SQRT_2))
}

/// Draws `n` values from N(μ, σ²) with the Box–Muller transform.
///
/// Each pair of independent uniforms (u₁, u₂) gives two independent standard normals; for odd
/// `n` the last pair's second value is dropped. u₁ is drawn from (0, 1] so ln u₁ is finite.
///
/// # Formula
/// ```text
/// r = √(−2 ln u₁),   z₁ = r cos(2π u₂),   z₂ = r sin(2π u₂),   xᵢ = μ + σ zᵢ
/// ```
/// where u₁, u₂ are independent uniform random numbers.
///
/// # Errors
/// [`StatsError::NonFinite`] for NaN/±∞ μ, [`StatsError::InvalidParameter`] if σ is not finite
/// and positive. `n = 0` returns an empty vector.
///
/// # Examples
/// ```
/// use mathlings_stats::{sample_normal, StatsError};
/// use rand::SeedableRng;
/// let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
/// let x = sample_normal(10.0, 2.0, 1001, &mut rng).unwrap();
/// assert_eq!(x.len(), 1001);
/// assert!(matches!(sample_normal(0.0, -1.0, 3, &mut rng), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn sample_normal(
    mu: f64,
    sigma: f64,
    n: usize,
    rng: &mut impl Rng,
) -> Result<Vec<f64>, StatsError> {
    check_parameters(mu, sigma)?;
    let mut out = Vec::with_capacity(n + 1);
    while out.len() < n {
        let u1: f64 = 1.0 - rng.random::<f64>(); // in (0, 1]
        let u2: f64 = rng.random::<f64>();
        let r = (-2.0 * u1.ln()).sqrt();
        let angle = 2.0 * PI * u2;
        out.push(mu + sigma * r * angle.cos());
        out.push(mu + sigma * r * angle.sin());
    }
    out.truncate(n);
    Ok(out)
}
