//! # 1.1 Populations & sampling — correcting a biased sample with inverse-probability weights
//!
//! When some members of a population are more likely to end up in a sample than others
//! (say, people who answer surveys), the plain sample mean is biased towards them. If we
//! know each sampled unit's inclusion probability πᵢ, we can undo the bias: a unit that had
//! chance πᵢ of being sampled stands for 1/πᵢ members of the population, so it gets weight
//! wᵢ = 1/πᵢ. Dividing by the total weight gives a weighted mean (the Hájek estimator):
//!
//! ```text
//! μ̂ = Σᵢ wᵢ·yᵢ / Σᵢ wᵢ = Σᵢ (yᵢ / πᵢ) / Σᵢ (1 / πᵢ),    0 < πᵢ ≤ 1
//! ```
//!
//! Rarely sampled units (small πᵢ) count MORE, because each one represents many unseen ones.

use mathlings_stats::StatsError;

/// Returns the inverse-probability-weighted (Hájek) mean of `values`, where `values[i]` was
/// sampled with probability `inclusion_probabilities[i]`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `values` is empty;
/// - `StatsError::NonFinite` when a value or a probability is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the two slices differ in length
///   (`left` = number of values, `right` = number of probabilities);
/// - `StatsError::InvalidParameter { name: "inclusion_probabilities", .. }` when a probability
///   is not in (0, 1].
pub fn ipw_mean(values: &[f64], inclusion_probabilities: &[f64]) -> Result<f64, StatsError> {
    // TODO: validate, then return Σ(yᵢ/πᵢ) / Σ(1/πᵢ).
    todo!()
}
