//! §1.3 Variance, covariance, correlation and autocorrelation of samples.
//!
//! Everything here uses the *corrected two-pass* algorithm: first the mean x̄, then the
//! squared deviations, minus a small correction (Σ(xᵢ − x̄))²/n that cancels the rounding error
//! of x̄ itself. It never forms Σxᵢ² − n·x̄² (the textbook formula), which cancels
//! catastrophically when the data carry a large offset such as 1e9.

use crate::StatsError;
use crate::descriptive::mean;
use crate::summation::neumaier_sum;
use crate::validate;

/// Σ(xᵢ − x̄)(yᵢ − ȳ) by the corrected two-pass algorithm (inputs already validated).
fn centred_cross_sum(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    let (mx, my) = (mean(x)?, mean(y)?);
    let n = x.len() as f64;
    let products = neumaier_sum(x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)));
    // In exact arithmetic Σ(xᵢ − x̄) = 0; in floating point it measures the error of x̄.
    let dx = neumaier_sum(x.iter().map(|a| a - mx));
    let dy = neumaier_sum(y.iter().map(|b| b - my));
    Ok(products - dx * dy / n)
}

/// Sum of squared deviations Σ(xᵢ − x̄)², never negative.
fn sum_of_squares(x: &[f64]) -> Result<f64, StatsError> {
    Ok(centred_cross_sum(x, x)?.max(0.0))
}

/// Sample variance (denominator n − 1), unbiased for the population variance.
///
/// # Formula
/// ```text
/// s² = Σ(xᵢ − x̄)² / (n − 1)
/// ```
/// where x̄ is the sample mean and n the sample size. Computed by the corrected two-pass
/// algorithm, so `[1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]` gives exactly 30.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], and [`StatsError::TooFewValues`] for a
/// single value.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{sample_variance, StatsError};
/// let x = [1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0];
/// assert_relative_eq!(sample_variance(&x).unwrap(), 30.0);
/// assert_eq!(sample_variance(&[1.0]), Err(StatsError::TooFewValues { needed: 2, got: 1 }));
/// ```
pub fn sample_variance(x: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    validate::at_least(x, 2)?;
    Ok(sum_of_squares(x)? / (x.len() - 1) as f64)
}

/// Population variance (denominator n): the variance of the sample treated as the whole population.
///
/// # Formula
/// ```text
/// σ² = Σ(xᵢ − x̄)² / n
/// ```
/// where x̄ is the mean and n the number of values.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{population_variance, StatsError};
/// assert_relative_eq!(population_variance(&[1.0, 2.0, 3.0, 4.0]).unwrap(), 1.25);
/// assert_eq!(population_variance(&[]), Err(StatsError::EmptyInput));
/// ```
pub fn population_variance(x: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    Ok(sum_of_squares(x)? / x.len() as f64)
}

/// Sample standard deviation: the square root of the sample variance (n − 1).
///
/// # Formula
/// ```text
/// s = √( Σ(xᵢ − x̄)² / (n − 1) )
/// ```
/// where x̄ is the sample mean and n the sample size.
///
/// # Errors
/// As [`sample_variance`]: empty, non-finite, or fewer than two values.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{standard_deviation, StatsError};
/// assert_relative_eq!(standard_deviation(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).unwrap(),
///     (32.0f64 / 7.0).sqrt());
/// assert_eq!(standard_deviation(&[f64::INFINITY, 1.0]), Err(StatsError::NonFinite));
/// ```
pub fn standard_deviation(x: &[f64]) -> Result<f64, StatsError> {
    Ok(sample_variance(x)?.sqrt())
}

/// Sample covariance (denominator n − 1) of two paired samples.
///
/// # Formula
/// ```text
/// cov(x, y) = Σ(xᵢ − x̄)(yᵢ − ȳ) / (n − 1)
/// ```
/// where x̄, ȳ are the sample means and n the number of pairs; cov(x, x) = s².
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`],
/// [`StatsError::TooFewValues`] for a single pair.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{covariance, StatsError};
/// assert_relative_eq!(covariance(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]).unwrap(), 2.0);
/// assert_eq!(covariance(&[1.0, 2.0], &[1.0]), Err(StatsError::LengthMismatch { left: 2, right: 1 }));
/// ```
pub fn covariance(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    validate::finite_sample(y)?;
    validate::same_length(x.len(), y.len())?;
    validate::at_least(x, 2)?;
    Ok(centred_cross_sum(x, y)? / (x.len() - 1) as f64)
}

/// Pearson correlation coefficient of two paired samples, in [−1, 1].
///
/// # Formula
/// ```text
/// r = Σ(xᵢ − x̄)(yᵢ − ȳ) / √( Σ(xᵢ − x̄)² · Σ(yᵢ − ȳ)² )
/// ```
/// where x̄, ȳ are the sample means. The result is clamped to [−1, 1] against rounding.
///
/// # Errors
/// As [`covariance`], plus [`StatsError::Undefined`] when either sample is constant (zero spread).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{pearson_correlation, StatsError};
/// assert_relative_eq!(pearson_correlation(&[1.0, 2.0, 3.0], &[6.0, 4.0, 2.0]).unwrap(), -1.0);
/// assert!(matches!(pearson_correlation(&[1.0, 1.0], &[1.0, 2.0]), Err(StatsError::Undefined(_))));
/// ```
pub fn pearson_correlation(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    validate::finite_sample(y)?;
    validate::same_length(x.len(), y.len())?;
    validate::at_least(x, 2)?;
    let (sxx, syy) = (sum_of_squares(x)?, sum_of_squares(y)?);
    if sxx == 0.0 || syy == 0.0 {
        return Err(StatsError::Undefined("correlation of a constant sample"));
    }
    let sxy = centred_cross_sum(x, y)?;
    // √sxx·√syy instead of √(sxx·syy): the product could overflow or underflow.
    Ok((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

/// Sample autocorrelation at a given lag, as defined by NIST's Statistical Reference Datasets.
///
/// # Formula
/// ```text
/// r(k) = Σᵢ₌₁ⁿ⁻ᵏ (xᵢ − x̄)(xᵢ₊ₖ − x̄) / Σᵢ₌₁ⁿ (xᵢ − x̄)²
/// ```
/// where x̄ is the mean of the whole series and k the lag (r(0) = 1). NIST StRD certifies r(1).
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::TooFewValues`] for fewer
/// than two values, [`StatsError::InvalidParameter`] if `lag ≥ n`, [`StatsError::Undefined`] for a
/// constant series.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{autocorrelation, StatsError};
/// // NIST NumAcc1: certified r(1) = −0.5.
/// let x = [10000001.0, 10000003.0, 10000002.0];
/// assert_relative_eq!(autocorrelation(&x, 1).unwrap(), -0.5);
/// assert!(matches!(autocorrelation(&x, 3), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn autocorrelation(x: &[f64], lag: usize) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    validate::at_least(x, 2)?;
    if lag >= x.len() {
        return Err(StatsError::InvalidParameter {
            name: "lag",
            reason: "must be smaller than the series length",
        });
    }
    let m = mean(x)?;
    let denominator = sum_of_squares(x)?;
    if denominator == 0.0 {
        return Err(StatsError::Undefined(
            "autocorrelation of a constant series",
        ));
    }
    let numerator = neumaier_sum(x.iter().zip(&x[lag..]).map(|(a, b)| (a - m) * (b - m)));
    Ok(numerator / denominator)
}
