//! # 1.8 Bayes' theorem — the diagnostic test (base-rate problem)
//!
//! A test for a disease has a *sensitivity* P(+ | disease) and a *specificity*
//! P(− | healthy); the *prevalence* P(disease) is the base rate in the population. What a
//! patient wants is the reverse conditional, P(disease | +). Bayes' theorem gives it, and
//! for a rare disease it is far smaller than the sensitivity: most positives come from the
//! large healthy group. (1% prevalence, 99% sensitivity, 95% specificity: only ≈ 16.7%.)
//!
//! ```text
//! P(+) = sens · prev + (1 − spec) · (1 − prev)            (law of total probability)
//! P(disease | +) = sens · prev / P(+)
//! P(−) = (1 − sens) · prev + spec · (1 − prev)
//! P(disease | −) = (1 − sens) · prev / P(−)
//! ```
//!
//! All three inputs are probabilities in [0, 1]. When the test result you condition on is
//! impossible (P(+) = 0 or P(−) = 0) there is no answer.

use mathlings_stats::StatsError;

/// Returns P(disease | positive test).
///
/// # Errors
/// - `StatsError::InvalidParameter { name, .. }` when `prevalence`, `sensitivity` or
///   `specificity` (checked in that order, `name` is the argument's name) is NaN or outside
///   [0, 1];
/// - `StatsError::ZeroProbabilityEvent` when a positive result is impossible (P(+) = 0).
pub fn p_disease_given_positive(
    prevalence: f64,
    sensitivity: f64,
    specificity: f64,
) -> Result<f64, StatsError> {
    // TODO: validate, compute the true-positive and false-positive masses, return TP / (TP + FP).
    todo!()
}

/// Returns P(disease | negative test).
///
/// # Errors
/// - `StatsError::InvalidParameter { name, .. }` as for [`p_disease_given_positive`];
/// - `StatsError::ZeroProbabilityEvent` when a negative result is impossible (P(−) = 0).
pub fn p_disease_given_negative(
    prevalence: f64,
    sensitivity: f64,
    specificity: f64,
) -> Result<f64, StatsError> {
    // TODO: validate, compute the false-negative and true-negative masses, return FN / (FN + TN).
    todo!()
}
