//! §1.5 The Poisson distribution.

use crate::StatsError;
use crate::special::ln_gamma;
use crate::validate;

/// Poisson probability P(X = k) for X ~ Poisson(λ), evaluated in log space.
///
/// # Formula
/// ```text
/// P(X = k) = λᵏ e^(−λ) / k! = exp(k ln λ − λ − ln Γ(k + 1))
/// ```
/// where λ > 0 is the rate (mean) and k = 0, 1, 2, …
///
/// # Errors
/// [`StatsError::InvalidParameter`] if λ is not finite and positive.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{poisson_pmf, StatsError};
/// assert_relative_eq!(poisson_pmf(0, 2.0).unwrap(), (-2.0f64).exp(), max_relative = 1e-15);
/// assert!(matches!(poisson_pmf(0, 0.0), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn poisson_pmf(k: u64, lambda: f64) -> Result<f64, StatsError> {
    validate::positive(lambda, "lambda")?;
    let kf = k as f64;
    Ok((kf * lambda.ln() - lambda - ln_gamma(kf + 1.0)).exp())
}
