//! # 1.2 Descriptive statistics — the expected value of a discrete distribution
//!
//! A discrete random variable X takes the value xᵢ with probability pᵢ. Its expected value is
//! the probability-weighted average of its values: the long-run average of many draws.
//! The pᵢ must form a distribution: none negative, and together they sum to 1. Floating-point
//! probabilities rarely sum to exactly 1 (0.7 + 0.1 + 0.1 + 0.1 = 0.9999999999999999), so
//! accept a sum within 1e-9 of 1.
//!
//! ```text
//! E[X] = Σᵢ xᵢ·pᵢ,     pᵢ ≥ 0,   |Σᵢ pᵢ − 1| ≤ 1e-9
//! E[aX + b] = a·E[X] + b      (linearity)
//! ```

use mathlings_stats::StatsError;

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
    // TODO: validate (including the sum of the probabilities), then return Σ xᵢ·pᵢ.
    todo!()
}
