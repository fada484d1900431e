//! # 1.8 Bayes' theorem — the posterior over a finite set of hypotheses
//!
//! Prior × likelihood, normalised by the evidence:
//!
//! ```text
//! P(Hᵢ | D) = P(D | Hᵢ) · P(Hᵢ) / P(D),   where   P(D) = Σⱼ P(D | Hⱼ) · P(Hⱼ)
//! ```

use mathlings_stats::StatsError;

/// How far the prior may sum from 1 and still be a distribution.
const SUM_TOLERANCE: f64 = 1e-9;

/// Returns the posterior `P(Hᵢ | D)` for every hypothesis i, from `prior[i] = P(Hᵢ)` and
/// `likelihood[i] = P(D | Hᵢ)`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `prior` or `likelihood` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the lengths differ
///   (`left = prior.len()`, `right = likelihood.len()`);
/// - `StatsError::InvalidProbabilities` when the prior has a negative entry or does not sum to
///   1 (within 1e-9), or a likelihood is negative;
/// - `StatsError::ZeroProbabilityEvent` when the evidence Σⱼ P(D | Hⱼ)·P(Hⱼ) is 0.
pub fn posterior(prior: &[f64], likelihood: &[f64]) -> Result<Vec<f64>, StatsError> {
    if prior.is_empty() || likelihood.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if prior.iter().chain(likelihood).any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if prior.len() != likelihood.len() {
        return Err(StatsError::LengthMismatch {
            left: prior.len(),
            right: likelihood.len(),
        });
    }
    let prior_total: f64 = prior.iter().sum();
    if prior.iter().chain(likelihood).any(|&v| v < 0.0) || (prior_total - 1.0).abs() > SUM_TOLERANCE
    {
        return Err(StatsError::InvalidProbabilities);
    }
    let joint: Vec<f64> = prior.iter().zip(likelihood).map(|(p, l)| p * l).collect();
    let evidence: f64 = joint.iter().sum();
    if evidence <= 0.0 {
        return Err(StatsError::ZeroProbabilityEvent);
    }
    Ok(joint.iter().map(|j| j / evidence).collect())
}
