//! # 1.8 Bayes' theorem — the diagnostic test (base-rate problem)
//!
//! Split the population into the four outcomes of (disease, test) and keep the ones that
//! match the observed result:
//!
//! ```text
//! P(disease | +) = sens · prev / (sens · prev + (1 − spec) · (1 − prev))
//! P(disease | −) = (1 − sens) · prev / ((1 − sens) · prev + spec · (1 − prev))
//! ```

use mathlings_stats::StatsError;

/// `Err(InvalidParameter)` unless `value` is a probability (NaN fails the range test).
fn probability(value: f64, name: &'static str) -> Result<f64, StatsError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(StatsError::InvalidParameter {
            name,
            reason: "must lie in [0, 1]",
        })
    }
}

/// P(disease | result) = mass(disease, result) / (mass(disease, result) + mass(healthy, result)).
fn bayes(with_disease: f64, without_disease: f64) -> Result<f64, StatsError> {
    let evidence = with_disease + without_disease;
    if evidence <= 0.0 {
        return Err(StatsError::ZeroProbabilityEvent);
    }
    Ok(with_disease / evidence)
}

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
    let prev = probability(prevalence, "prevalence")?;
    let sens = probability(sensitivity, "sensitivity")?;
    let spec = probability(specificity, "specificity")?;
    bayes(sens * prev, (1.0 - spec) * (1.0 - prev))
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
    let prev = probability(prevalence, "prevalence")?;
    let sens = probability(sensitivity, "sensitivity")?;
    let spec = probability(specificity, "specificity")?;
    bayes((1.0 - sens) * prev, spec * (1.0 - prev))
}
