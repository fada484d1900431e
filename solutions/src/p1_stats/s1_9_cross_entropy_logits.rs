//! # 1.9 Maximum likelihood — binary cross-entropy from logits, computed stably
//!
//! ```text
//! −[ y·ln σ(z) + (1 − y)·ln(1 − σ(z)) ]  =  max(z, 0) − z·y + ln(1 + e^(−|z|))
//! ```
//!
//! The right-hand side never exponentiates a positive number, so it is finite for any
//! finite logit.

use mathlings_stats::StatsError;

/// Returns the mean binary cross-entropy of the `labels` (each in [0, 1]) given the `logits`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `logits` or `labels` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the lengths differ
///   (`left = logits.len()`, `right = labels.len()`);
/// - `StatsError::InvalidParameter { name: "labels", .. }` when a label lies outside [0, 1].
pub fn binary_cross_entropy_with_logits(logits: &[f64], labels: &[f64]) -> Result<f64, StatsError> {
    if logits.is_empty() || labels.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if logits.iter().chain(labels).any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if logits.len() != labels.len() {
        return Err(StatsError::LengthMismatch {
            left: logits.len(),
            right: labels.len(),
        });
    }
    if labels.iter().any(|y| !(0.0..=1.0).contains(y)) {
        return Err(StatsError::InvalidParameter {
            name: "labels",
            reason: "each must lie in [0, 1]",
        });
    }
    let total: f64 = logits
        .iter()
        .zip(labels)
        .map(|(&z, &y)| z.max(0.0) - z * y + (-z.abs()).exp().ln_1p())
        .sum();
    Ok(total / logits.len() as f64)
}
