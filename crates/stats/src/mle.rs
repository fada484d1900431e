//! §1.9 Maximum likelihood: closed-form estimators for the normal, Bernoulli and Poisson
//! models and their log-likelihoods.

use crate::StatsError;
use crate::descriptive::mean;
use crate::special::ln_gamma;
use crate::summation::neumaier_sum;
use crate::validate;
use crate::variance::population_variance;
use std::f64::consts::PI;

/// Maximum-likelihood estimates (μ̂, σ̂) of a normal model.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{normal_mle, StatsError};
/// let fit = normal_mle(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])?;
/// assert_relative_eq!(fit.mu, 5.0);
/// assert_relative_eq!(fit.sigma, 2.0);
/// # Ok::<(), StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NormalMle {
    /// μ̂: the sample mean.
    pub mu: f64,
    /// σ̂: the square root of the population variance (denominator n, not n − 1).
    pub sigma: f64,
}

/// Maximum-likelihood fit of N(μ, σ²) to a sample.
///
/// # Formula
/// ```text
/// μ̂ = x̄,   σ̂² = Σ(xᵢ − x̄)² / n
/// ```
/// where n is the sample size (the MLE divides by n; it is biased, unlike s²).
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{normal_mle, StatsError};
/// let fit = normal_mle(&[1.0, 2.0, 3.0, 4.0]).unwrap();
/// assert_relative_eq!(fit.mu, 2.5);
/// assert_relative_eq!(fit.sigma, 1.25f64.sqrt());
/// assert_eq!(normal_mle(&[]), Err(StatsError::EmptyInput));
/// ```
pub fn normal_mle(x: &[f64]) -> Result<NormalMle, StatsError> {
    Ok(NormalMle {
        mu: mean(x)?,
        sigma: population_variance(x)?.sqrt(),
    })
}

/// Maximum-likelihood estimate of a Bernoulli success probability: the fraction of `true`.
///
/// # Formula
/// ```text
/// p̂ = (number of true) / n
/// ```
/// where n is the number of observations.
///
/// # Errors
/// [`StatsError::EmptyInput`].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{bernoulli_mle, StatsError};
/// assert_relative_eq!(bernoulli_mle(&[true, false, true, true]).unwrap(), 0.75);
/// assert_eq!(bernoulli_mle(&[]), Err(StatsError::EmptyInput));
/// ```
pub fn bernoulli_mle(x: &[bool]) -> Result<f64, StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    Ok(x.iter().filter(|&&b| b).count() as f64 / x.len() as f64)
}

/// Maximum-likelihood estimate of a Poisson rate: the sample mean of the counts.
///
/// # Formula
/// ```text
/// λ̂ = Σ kᵢ / n
/// ```
/// where kᵢ are the observed counts and n their number (summed exactly in integers).
///
/// # Errors
/// [`StatsError::EmptyInput`].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{poisson_mle, StatsError};
/// assert_relative_eq!(poisson_mle(&[1, 2, 3, 6]).unwrap(), 3.0);
/// assert_eq!(poisson_mle(&[]), Err(StatsError::EmptyInput));
/// ```
pub fn poisson_mle(x: &[u64]) -> Result<f64, StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    let total: u128 = x.iter().map(|&k| u128::from(k)).sum();
    Ok(total as f64 / x.len() as f64)
}

/// Log-likelihood of a sample under N(μ, σ²).
///
/// # Formula
/// ```text
/// ℓ(μ, σ) = −(n/2) ln(2π) − n ln σ − Σ(xᵢ − μ)² / (2σ²)
/// ```
/// where n is the sample size.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`] (sample or μ),
/// [`StatsError::InvalidParameter`] if σ is not finite and positive.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{normal_log_likelihood, StatsError};
/// let ll = normal_log_likelihood(&[0.0], 0.0, 1.0).unwrap();
/// assert_relative_eq!(ll, -0.5 * (2.0 * std::f64::consts::PI).ln(), max_relative = 1e-15);
/// assert!(matches!(normal_log_likelihood(&[0.0], 0.0, 0.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn normal_log_likelihood(x: &[f64], mu: f64, sigma: f64) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    validate::finite(mu)?;
    validate::positive(sigma, "sigma")?;
    let n = x.len() as f64;
    let squares = neumaier_sum(x.iter().map(|v| ((v - mu) / sigma).powi(2)));
    Ok(-0.5 * n * (2.0 * PI).ln() - n * sigma.ln() - 0.5 * squares)
}

/// Log-likelihood of Bernoulli observations with success probability p.
///
/// # Formula
/// ```text
/// ℓ(p) = k ln p + (n − k) ln(1 − p)
/// ```
/// where k is the number of `true` values and n the number of observations (0 · ln 0 = 0, so
/// ℓ(0) = 0 when every value is `false`, and −∞ otherwise).
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::InvalidParameter`] if p is NaN or outside [0, 1].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{bernoulli_log_likelihood, StatsError};
/// assert_relative_eq!(bernoulli_log_likelihood(&[true, false], 0.5).unwrap(), 0.25f64.ln());
/// assert!(matches!(bernoulli_log_likelihood(&[true], 1.1), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn bernoulli_log_likelihood(x: &[bool], p: f64) -> Result<f64, StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    validate::unit_interval(p, "p")?;
    let k = x.iter().filter(|&&b| b).count() as f64;
    let failures = x.len() as f64 - k;
    let success_part = if k == 0.0 { 0.0 } else { k * p.ln() };
    let failure_part = if failures == 0.0 {
        0.0
    } else {
        failures * (-p).ln_1p()
    };
    Ok(success_part + failure_part)
}

/// Log-likelihood of counts under Poisson(λ).
///
/// # Formula
/// ```text
/// ℓ(λ) = Σ (kᵢ ln λ − λ − ln kᵢ!)
/// ```
/// where kᵢ are the observed counts and ln kᵢ! = ln Γ(kᵢ + 1).
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::InvalidParameter`] if λ is not finite and positive.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{poisson_log_likelihood, StatsError};
/// assert_relative_eq!(poisson_log_likelihood(&[0, 1], 1.0).unwrap(), -2.0);
/// assert!(matches!(poisson_log_likelihood(&[0], -1.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn poisson_log_likelihood(x: &[u64], lambda: f64) -> Result<f64, StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    validate::positive(lambda, "lambda")?;
    let ln_lambda = lambda.ln();
    Ok(neumaier_sum(x.iter().map(|&k| {
        let k = k as f64;
        k * ln_lambda - lambda - ln_gamma(k + 1.0)
    })))
}
