//! # 1.2 Descriptive statistics — the expected value of a discrete distribution
//!
//! Validate the distribution (non-negative, summing to 1 within 1e-9), then take the
//! probability-weighted sum of the values.
//!
//! ```text
//! E[X] = Σᵢ xᵢ·pᵢ
//! ```

use mathlings_stats::StatsError;

/// How far the probabilities may sum from 1 and still be accepted (rounding in their sum).
const SUM_TOLERANCE: f64 = 1e-9;

/// Returns E[X] = Σ valuesᵢ · probabilitiesᵢ.
///
/// # Errors
/// - `StatsError::EmptyInput` when `values` is empty;
/// - `StatsError::NonFinite` when a value or a probability is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the slices differ in length
///   (`left` = number of values, `right` = number of probabilities);
/// - `StatsError::InvalidProbabilities` when a probability is negative or they do not sum to
///   1 within 1e-9.
pub fn expected_value(values: &[f64], probabilities: &[f64]) -> Result<f64, StatsError> {
    if values.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if values.iter().chain(probabilities).any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if values.len() != probabilities.len() {
        return Err(StatsError::LengthMismatch {
            left: values.len(),
            right: probabilities.len(),
        });
    }
    if probabilities.iter().any(|&p| p < 0.0) {
        return Err(StatsError::InvalidProbabilities);
    }
    let total: f64 = probabilities.iter().sum();
    if (total - 1.0).abs() > SUM_TOLERANCE {
        return Err(StatsError::InvalidProbabilities);
    }
    Ok(values.iter().zip(probabilities).map(|(x, p)| x * p).sum())
}
