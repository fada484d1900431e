//! Backtracking line search with the Armijo (sufficient decrease) condition.

use crate::CalculusError;
use crate::validate::{check_len, check_open_unit, check_point, check_positive, finite};

/// Step lengths tried before giving up: with shrink = ½ the last one is 2⁻¹⁰⁰⁰ times the
/// first, far below any useful step; with shrink = 0.99 it is still 4e-5 times it.
pub const MAX_BACKTRACKS: usize = 1000;

/// Finds a step length α along a descent direction d that decreases f "enough": starting from
/// `initial_step`, multiply α by `shrink` until the Armijo condition holds.
///
/// The condition asks for at least a fraction c of the decrease the tangent line promises,
/// which rules out steps that barely improve f. Because d points downhill (∇f(x)ᵀd < 0), it
/// holds for all small enough α, so the loop ends. A trial point where f is NaN or ±∞ (the
/// step left f's domain or overflowed) counts as not decreasing f, and α shrinks further.
///
/// # Formula
/// ```text
/// αₖ = α₀ · shrinkᵏ,   return the first αₖ with   f(x + αₖ d) ≤ f(x) + c · αₖ · ∇f(x)ᵀd
/// ```
/// where α₀ = initial_step > 0, c ∈ (0, 1) (typically 1e-4) and shrink ∈ (0, 1) (typically ½).
///
/// # Errors
/// - [`CalculusError::Empty`] if x is empty.
/// - [`CalculusError::NonFinite`] if x, grad_x, direction or f(x) has a NaN or ±∞.
/// - [`CalculusError::DimensionMismatch`] if grad_x or direction differs in length from x.
/// - [`CalculusError::InvalidParameter`] if initial_step is not finite and > 0, or c or
///   shrink is outside (0, 1).
/// - [`CalculusError::NotDescentDirection`] if ∇f(x)ᵀd ≥ 0.
/// - [`CalculusError::NoConvergence`] if no step satisfies the condition before α·d becomes
///   too small to move x (x + α·d = x in floats) or within [`MAX_BACKTRACKS`] shrinks
///   (e.g. grad_x is not the gradient of f).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, armijo_backtracking};
///
/// // f(x) = x² at x = 1, steepest descent d = −f′(1) = −2.
/// let f = |p: &[f64]| p[0] * p[0];
/// // α = 1 overshoots to −1 (no decrease); α = ½ lands on the minimum 0.
/// let step = armijo_backtracking(f, &[2.0], &[1.0], &[-2.0], 1.0, 1e-4, 0.5).unwrap();
/// assert_relative_eq!(step, 0.5);
///
/// // Uphill is rejected.
/// assert!(matches!(
///     armijo_backtracking(f, &[2.0], &[1.0], &[2.0], 1.0, 1e-4, 0.5),
///     Err(CalculusError::NotDescentDirection)
/// ));
/// ```
pub fn armijo_backtracking(
    f: impl Fn(&[f64]) -> f64,
    grad_x: &[f64],
    x: &[f64],
    direction: &[f64],
    initial_step: f64,
    c: f64,
    shrink: f64,
) -> Result<f64, CalculusError> {
    check_point(x)?;
    check_len(x.len(), grad_x.len())?;
    check_len(x.len(), direction.len())?;
    if grad_x.iter().chain(direction).any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    check_positive("initial_step", initial_step)?;
    check_open_unit("c", c)?;
    check_open_unit("shrink", shrink)?;

    let f_x = finite(f(x))?;
    // The directional derivative ∇f(x)ᵀd: the slope of f along d at α = 0.
    let slope: f64 = grad_x.iter().zip(direction).map(|(g, d)| g * d).sum();
    if slope.is_nan() || slope >= 0.0 {
        return Err(CalculusError::NotDescentDirection);
    }

    let mut step = initial_step;
    let mut trial = vec![0.0; x.len()];
    for backtracks in 0..MAX_BACKTRACKS {
        for i in 0..x.len() {
            trial[i] = x[i] + step * direction[i];
        }
        if trial == x {
            // The step no longer moves x at all: f(x) ≤ f(x) + (rounded-away decrease) would
            // "pass" without any progress, so this is a failure, not a step.
            return Err(CalculusError::NoConvergence {
                iterations: backtracks,
            });
        }
        let f_trial = f(&trial);
        if f_trial.is_finite() && f_trial <= f_x + c * step * slope {
            return Ok(step);
        }
        step *= shrink;
    }
    Err(CalculusError::NoConvergence {
        iterations: MAX_BACKTRACKS,
    })
}
