//! # 1.9 Maximum likelihood — MLE for the normal, Bernoulli and Poisson models
//!
//! The *likelihood* of a parameter θ is the probability (or density) of the observed data
//! under the model with that θ; the *maximum-likelihood estimate* (MLE) is the θ that makes
//! the data most probable. We maximise the log-likelihood ℓ(θ) = Σᵢ ln p(xᵢ | θ) (same
//! maximiser, sums instead of products). Setting its derivative to zero gives closed forms:
//!
//! ```text
//! Normal N(μ, σ²):  μ̂ = (1/n) Σ xᵢ,   σ̂ = √( (1/n) Σ (xᵢ − μ̂)² )     ← divide by n, not n − 1
//! Bernoulli(p):     p̂ = (number of true) / n
//! Poisson(λ):       λ̂ = (1/n) Σ kᵢ
//! ```
//!
//! The normal σ̂ divides by n: it is the MLE, which is slightly biased (the unbiased sample
//! variance s² divides by n − 1, but does not maximise the likelihood).

use mathlings_stats::StatsError;

/// Returns the maximum-likelihood estimates `(μ̂, σ̂)` of a normal model for the sample `x`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn normal_mle(x: &[f64]) -> Result<(f64, f64), StatsError> {
    // TODO: μ̂ is the mean; σ̂ is the square root of the mean squared deviation from μ̂.
    todo!()
}

/// Returns the maximum-likelihood estimate p̂ of a Bernoulli success probability.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty.
pub fn bernoulli_mle(x: &[bool]) -> Result<f64, StatsError> {
    // TODO: the fraction of `true` values.
    todo!()
}

/// Returns the maximum-likelihood estimate λ̂ of a Poisson rate from the counts `x`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty.
pub fn poisson_mle(x: &[u64]) -> Result<f64, StatsError> {
    // TODO: the mean of the counts.
    todo!()
}
