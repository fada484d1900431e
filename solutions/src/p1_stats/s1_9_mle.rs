//! # 1.9 Maximum likelihood — MLE for the normal, Bernoulli and Poisson models
//!
//! Closed forms from setting the derivative of the log-likelihood to zero:
//!
//! ```text
//! μ̂ = (1/n) Σ xᵢ,   σ̂ = √( (1/n) Σ (xᵢ − μ̂)² ),   p̂ = #true / n,   λ̂ = (1/n) Σ kᵢ
//! ```

use mathlings_stats::StatsError;

/// Returns the maximum-likelihood estimates `(μ̂, σ̂)` of a normal model for the sample `x`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn normal_mle(x: &[f64]) -> Result<(f64, f64), StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    let n = x.len() as f64;
    let mu = x.iter().sum::<f64>() / n;
    // Two passes: deviations from μ̂ first, so no large numbers cancel.
    let variance = x.iter().map(|v| (v - mu).powi(2)).sum::<f64>() / n;
    Ok((mu, variance.sqrt()))
}

/// Returns the maximum-likelihood estimate p̂ of a Bernoulli success probability.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty.
pub fn bernoulli_mle(x: &[bool]) -> Result<f64, StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    let successes = x.iter().filter(|&&b| b).count();
    Ok(successes as f64 / x.len() as f64)
}

/// Returns the maximum-likelihood estimate λ̂ of a Poisson rate from the counts `x`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty.
pub fn poisson_mle(x: &[u64]) -> Result<f64, StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    // Sum in u128 so that no count overflows; one rounding at the end.
    let total: u128 = x.iter().map(|&k| u128::from(k)).sum();
    Ok(total as f64 / x.len() as f64)
}
