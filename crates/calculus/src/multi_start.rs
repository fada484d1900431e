//! Multi-start search: run a local method from several starting points, keep the best.

use crate::{CalculusError, Minimization};

/// Runs `local` from each start and returns the result with the lowest f, with
/// `value = f(x)` filled in.
///
/// A local method finds the minimum of the basin it starts in; trying several starts and
/// keeping the best raises the chance of finding the global minimum, and can never do worse
/// than any single one of the starts. Starts whose local run fails (diverges, does not
/// converge, or ends where f is NaN or ±∞) are skipped; ties keep the earliest start.
///
/// # Formula
/// ```text
/// x* = argmin over successful runs r of f(xᵣ),   xᵣ = local(startᵣ).x
/// ```
/// where f is the objective and local the local minimizer.
///
/// # Errors
/// - [`CalculusError::Empty`] if there are no starts.
/// - If no run succeeds, the first failure in start order: the local method's error, or
///   [`CalculusError::NonFinite`] for a run that ended where f is NaN or ±∞.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, gradient_descent, multi_start};
///
/// // A tilted double well: a local minimum near x = 0.96, the global one near x = −1.04.
/// let f = |x: &[f64]| (x[0] * x[0] - 1.0).powi(2) + 0.3 * x[0];
/// let grad = |x: &[f64]| vec![4.0 * x[0] * (x[0] * x[0] - 1.0) + 0.3];
/// let local = |x0: &[f64]| gradient_descent(grad, x0, 0.05, 1e-10, 10_000);
/// let best = multi_start(f, local, &[vec![2.0], vec![-2.0]]).unwrap();
/// assert!(best.x[0] < -1.0);
/// assert_relative_eq!(best.value, f(&best.x));
///
/// assert!(matches!(multi_start(f, local, &[]), Err(CalculusError::Empty)));
/// ```
pub fn multi_start(
    f: impl Fn(&[f64]) -> f64,
    local: impl Fn(&[f64]) -> Result<Minimization, CalculusError>,
    starts: &[Vec<f64>],
) -> Result<Minimization, CalculusError> {
    if starts.is_empty() {
        return Err(CalculusError::Empty);
    }
    let mut best: Option<Minimization> = None;
    let mut first_error = None;
    for start in starts {
        match local(start) {
            Ok(mut run) => {
                run.value = f(&run.x);
                if !run.value.is_finite() {
                    first_error.get_or_insert(CalculusError::NonFinite);
                    continue;
                }
                if best.as_ref().is_none_or(|b| run.value < b.value) {
                    best = Some(run);
                }
            }
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    best.ok_or_else(|| first_error.unwrap_or(CalculusError::NonFinite))
}
