//! # 1.1 Populations & sampling — correcting a biased sample with inverse-probability weights
//!
//! Each sampled unit stands for 1/πᵢ population members; the Hájek estimator is the mean
//! weighted by those counts.
//!
//! ```text
//! μ̂ = Σᵢ (yᵢ / πᵢ) / Σᵢ (1 / πᵢ)
//! ```

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
    if values.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if values
        .iter()
        .chain(inclusion_probabilities)
        .any(|x| !x.is_finite())
    {
        return Err(StatsError::NonFinite);
    }
    if values.len() != inclusion_probabilities.len() {
        return Err(StatsError::LengthMismatch {
            left: values.len(),
            right: inclusion_probabilities.len(),
        });
    }
    if inclusion_probabilities
        .iter()
        .any(|&p| !(p > 0.0 && p <= 1.0))
    {
        return Err(StatsError::InvalidParameter {
            name: "inclusion_probabilities",
            reason: "each must lie in (0, 1]",
        });
    }
    let mut weighted_sum = 0.0;
    let mut total_weight = 0.0;
    for (y, p) in values.iter().zip(inclusion_probabilities) {
        let w = 1.0 / p;
        weighted_sum += w * y;
        total_weight += w;
    }
    Ok(weighted_sum / total_weight)
}
