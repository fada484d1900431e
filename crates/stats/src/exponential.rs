//! §1.5 The exponential distribution: cdf and sampling by inverting the cdf.

use crate::StatsError;
use crate::validate;
use rand::Rng;

/// Cumulative distribution function of the exponential distribution with rate λ.
///
/// # Formula
/// ```text
/// F(x) = 1 − e^(−λx)   for x ≥ 0,   0 for x < 0
/// ```
/// where λ > 0 is the rate (mean 1/λ). Computed as −expm1(−λx) so small x keeps its digits.
///
/// # Errors
/// [`StatsError::NonFinite`] for NaN/±∞ x; [`StatsError::InvalidParameter`] if λ is not finite and positive.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{exponential_cdf, StatsError};
/// assert_relative_eq!(exponential_cdf(1.0, 2.0).unwrap(), 1.0 - (-2.0f64).exp(), max_relative = 1e-15);
/// assert!(matches!(exponential_cdf(1.0, -2.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn exponential_cdf(x: f64, lambda: f64) -> Result<f64, StatsError> {
    validate::finite(x)?;
    validate::positive(lambda, "lambda")?;
    if x <= 0.0 {
        return Ok(0.0);
    }
    Ok(-(-lambda * x).exp_m1())
}

/// Draws `n` values from the exponential distribution with rate λ by inverting its cdf.
///
/// # Formula
/// ```text
/// xᵢ = F⁻¹(uᵢ) = −ln(1 − uᵢ) / λ
/// ```
/// where uᵢ are independent uniform random numbers in [0, 1) (so 1 − uᵢ > 0 and the log is finite).
///
/// # Errors
/// [`StatsError::InvalidParameter`] if λ is not finite and positive. `n = 0` returns an empty vector.
///
/// # Examples
/// ```
/// use mathlings_stats::{sample_exponential, StatsError};
/// use rand::SeedableRng;
/// let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
/// let x = sample_exponential(2.0, 50, &mut rng).unwrap();
/// assert!(x.iter().all(|&v| v >= 0.0));
/// assert!(matches!(sample_exponential(0.0, 5, &mut rng), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn sample_exponential(
    lambda: f64,
    n: usize,
    rng: &mut impl Rng,
) -> Result<Vec<f64>, StatsError> {
    validate::positive(lambda, "lambda")?;
    Ok((0..n).map(|_| exponential_draw(lambda, rng)).collect())
}

/// One exponential draw by inversion (shared with the CLT simulation).
pub(crate) fn exponential_draw(lambda: f64, rng: &mut impl Rng) -> f64 {
    let u: f64 = rng.random();
    -(-u).ln_1p() / lambda
}
