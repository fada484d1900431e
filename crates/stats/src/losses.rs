//! §1.9 Losses that come from likelihoods: Gaussian negative log-likelihood (⇔ mean squared
//! error), log-sum-exp, and binary cross-entropy computed stably from logits.

use crate::StatsError;
use crate::summation::neumaier_sum;
use crate::validate;
use std::f64::consts::PI;

/// Checks a pair of equal-length, non-empty, finite slices.
fn paired(y: &[f64], y_hat: &[f64]) -> Result<(), StatsError> {
    validate::finite_sample(y)?;
    validate::finite_sample(y_hat)?;
    validate::same_length(y.len(), y_hat.len())
}

/// Gaussian negative log-likelihood (summed over observations) of targets given predictions.
///
/// For a fixed σ it is an increasing affine function of the mean squared error, so minimising
/// one minimises the other.
///
/// # Formula
/// ```text
/// NLL = (n/2) ln(2πσ²) + Σ(yᵢ − ŷᵢ)² / (2σ²) = (n/2) ln(2πσ²) + n·MSE / (2σ²)
/// ```
/// where n is the number of observations and σ > 0 the noise standard deviation.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`],
/// [`StatsError::InvalidParameter`] if σ is not finite and positive.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{gaussian_nll, StatsError};
/// let nll = gaussian_nll(&[1.0, 2.0], &[1.0, 2.0], 1.0).unwrap();
/// assert_relative_eq!(nll, (2.0 * std::f64::consts::PI).ln(), max_relative = 1e-15);
/// assert!(matches!(gaussian_nll(&[1.0], &[1.0], 0.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn gaussian_nll(y: &[f64], y_hat: &[f64], sigma: f64) -> Result<f64, StatsError> {
    paired(y, y_hat)?;
    validate::positive(sigma, "sigma")?;
    let n = y.len() as f64;
    let squares = neumaier_sum(y.iter().zip(y_hat).map(|(a, b)| ((a - b) / sigma).powi(2)));
    Ok(0.5 * n * (2.0 * PI).ln() + n * sigma.ln() + 0.5 * squares)
}

/// Mean squared error between targets and predictions.
///
/// # Formula
/// ```text
/// MSE = Σ(yᵢ − ŷᵢ)² / n
/// ```
/// where n is the number of observations.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{mean_squared_error, StatsError};
/// assert_relative_eq!(mean_squared_error(&[1.0, 2.0], &[2.0, 4.0]).unwrap(), 2.5);
/// assert_eq!(mean_squared_error(&[1.0], &[]), Err(StatsError::EmptyInput));
/// ```
pub fn mean_squared_error(y: &[f64], y_hat: &[f64]) -> Result<f64, StatsError> {
    paired(y, y_hat)?;
    let squares = neumaier_sum(y.iter().zip(y_hat).map(|(a, b)| (a - b).powi(2)));
    Ok(squares / y.len() as f64)
}

/// ln Σ exp(xᵢ), computed without overflow by factoring out the maximum.
///
/// # Formula
/// ```text
/// LSE(x) = m + ln Σ exp(xᵢ − m)
/// ```
/// where m = maxᵢ xᵢ, so every exponent is ≤ 0 and the largest term is exactly 1.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{log_sum_exp, StatsError};
/// assert_relative_eq!(log_sum_exp(&[1000.0, 1000.0]).unwrap(), 1000.0 + 2f64.ln());
/// assert_eq!(log_sum_exp(&[f64::NAN]), Err(StatsError::NonFinite));
/// ```
pub fn log_sum_exp(x: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum = neumaier_sum(x.iter().map(|v| (v - m).exp()));
    Ok(m + sum.ln())
}

/// Mean binary cross-entropy of labels given logits z (pre-sigmoid scores), computed stably.
///
/// Never forms σ(z) and its log, which overflow or round to ln 0 for large |z|; the rewritten
/// form below is finite for logits of ±1000.
///
/// # Formula
/// ```text
/// BCE = (1/n) Σ [ max(zᵢ, 0) − zᵢ yᵢ + ln(1 + e^(−|zᵢ|)) ]
///     = (1/n) Σ −[ yᵢ ln σ(zᵢ) + (1 − yᵢ) ln(1 − σ(zᵢ)) ]
/// ```
/// where σ(z) = 1/(1 + e^(−z)) and yᵢ ∈ [0, 1] are the (possibly soft) labels.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`],
/// [`StatsError::InvalidParameter`] if a label lies outside [0, 1].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{binary_cross_entropy_with_logits, StatsError};
/// assert_relative_eq!(binary_cross_entropy_with_logits(&[0.0], &[1.0]).unwrap(), 2f64.ln());
/// assert_relative_eq!(binary_cross_entropy_with_logits(&[-1000.0], &[1.0]).unwrap(), 1000.0);
/// assert!(matches!(binary_cross_entropy_with_logits(&[0.0], &[2.0]), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn binary_cross_entropy_with_logits(logits: &[f64], labels: &[f64]) -> Result<f64, StatsError> {
    paired(logits, labels)?;
    if labels.iter().any(|y| !(0.0..=1.0).contains(y)) {
        return Err(StatsError::InvalidParameter {
            name: "labels",
            reason: "each must lie in [0, 1]",
        });
    }
    let total = neumaier_sum(
        logits
            .iter()
            .zip(labels)
            .map(|(&z, &y)| z.max(0.0) - z * y + (-z.abs()).exp().ln_1p()),
    );
    Ok(total / logits.len() as f64)
}
