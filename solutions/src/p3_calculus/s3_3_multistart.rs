//! # 3.3 Optimization — multi-start search for a global minimum
//!
//! ```text
//! best = argmin over successful runs r of f(local(startᵣ))     (ties: the earliest start)
//! ```
//!
//! One pass over the starts, keeping the best run so far and the first failure.

use mathlings_calculus::CalculusError;

/// Runs `local` from every start and returns the best point found and f there.
///
/// # Errors
/// - `CalculusError::Empty` if there are no starts;
/// - if no run succeeds: the first failure in start order — the local method's error, or
///   `CalculusError::NonFinite` for a run that ended where f is NaN or ±∞.
pub fn multi_start(
    f: fn(&[f64]) -> f64,
    local: fn(&[f64]) -> Result<Vec<f64>, CalculusError>,
    starts: &[Vec<f64>],
) -> Result<(Vec<f64>, f64), CalculusError> {
    if starts.is_empty() {
        return Err(CalculusError::Empty);
    }
    let mut best: Option<(Vec<f64>, f64)> = None;
    let mut first_failure: Option<CalculusError> = None;
    for start in starts {
        match local(start) {
            Ok(x) => {
                let value = f(&x);
                if !value.is_finite() {
                    first_failure.get_or_insert(CalculusError::NonFinite);
                } else if best.as_ref().is_none_or(|(_, b)| value < *b) {
                    best = Some((x, value));
                }
            }
            Err(error) => {
                first_failure.get_or_insert(error);
            }
        }
    }
    best.ok_or_else(|| first_failure.unwrap_or(CalculusError::NonFinite))
}
