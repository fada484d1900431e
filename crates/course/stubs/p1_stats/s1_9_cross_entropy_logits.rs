//! # 1.9 Maximum likelihood — binary cross-entropy from logits, computed stably
//!
//! A binary classifier outputs a *logit* z; its probability of class 1 is the sigmoid
//! σ(z) = 1/(1 + e^(−z)). The negative log-likelihood of a label y ∈ [0, 1] (1, 0 or a soft
//! label) under that Bernoulli model is the *binary cross-entropy*; averaged over the data
//! it is the loss logistic regression and neural classifiers minimise.
//!
//! ```text
//! BCE = (1/n) Σᵢ −[ yᵢ·ln σ(zᵢ) + (1 − yᵢ)·ln(1 − σ(zᵢ)) ]
//! ```
//!
//! Computed literally this breaks: at z = 1000, σ(z) rounds to exactly 1 and ln(1 − σ) is
//! ln 0 = −∞; at z = 30, 1 − σ(z) keeps only three correct digits. Rewritten in terms of z
//! it never forms σ, never overflows, and every term is exact to rounding:
//!
//! ```text
//! −[ y·ln σ(z) + (1 − y)·ln(1 − σ(z)) ]  =  max(z, 0) − z·y + ln(1 + e^(−|z|))
//! ```
//!
//! (e^(−|z|) ≤ 1 always; `f64::ln_1p` computes ln(1 + t) accurately for tiny t.)

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
    // TODO: validate, then average max(z, 0) − z·y + ln(1 + e^(−|z|)) over the pairs.
    todo!()
}
