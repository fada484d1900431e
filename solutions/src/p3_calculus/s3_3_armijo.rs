//! # 3.3 Optimization — backtracking line search (the Armijo condition)
//!
//! ```text
//! return the first αₖ = α₀ · shrinkᵏ with   f(x + αₖ d) ≤ f(x) + c · αₖ · ∇f(x)ᵀd
//! ```
//!
//! The full step is tried first, so the answer is the largest step of the sequence that
//! passes before the first failure; starting small would always "pass" with a useless step.

use mathlings_calculus::CalculusError;

/// Shrinks tried before giving up.
const MAX_BACKTRACKS: usize = 1000;

/// The first step α = initial_step · shrinkᵏ (k = 0, 1, …) that satisfies the Armijo
/// condition f(x + αd) ≤ f(x) + c·α·∇f(x)ᵀd, where `grad_x` is ∇f(x).
///
/// # Errors
/// - `CalculusError::Empty` if x is empty;
/// - `CalculusError::DimensionMismatch { expected: x.len(), got }` if grad_x or direction has
///   another length;
/// - `CalculusError::NonFinite` if x, grad_x, direction or f(x) has a NaN or ±∞;
/// - `CalculusError::InvalidParameter { name, .. }` if initial_step is not finite and > 0
///   (name "initial_step"), or c or shrink is not strictly between 0 and 1 (name "c" or
///   "shrink");
/// - `CalculusError::NotDescentDirection` if ∇f(x)ᵀd ≥ 0;
/// - `CalculusError::NoConvergence { iterations }` if no step passes before x + αd == x or
///   within 1000 shrinks (iterations = the shrinks done).
pub fn armijo_backtracking(
    f: fn(&[f64]) -> f64,
    grad_x: &[f64],
    x: &[f64],
    direction: &[f64],
    initial_step: f64,
    c: f64,
    shrink: f64,
) -> Result<f64, CalculusError> {
    if x.is_empty() {
        return Err(CalculusError::Empty);
    }
    for other in [grad_x, direction] {
        if other.len() != x.len() {
            return Err(CalculusError::DimensionMismatch {
                expected: x.len(),
                got: other.len(),
            });
        }
    }
    if x.iter()
        .chain(grad_x)
        .chain(direction)
        .any(|v| !v.is_finite())
    {
        return Err(CalculusError::NonFinite);
    }
    if !(initial_step.is_finite() && initial_step > 0.0) {
        return Err(CalculusError::InvalidParameter {
            name: "initial_step",
            reason: "must be finite and > 0",
        });
    }
    for (name, value) in [("c", c), ("shrink", shrink)] {
        if !(value > 0.0 && value < 1.0) {
            return Err(CalculusError::InvalidParameter {
                name,
                reason: "must lie strictly between 0 and 1",
            });
        }
    }
    let f_x = f(x);
    if !f_x.is_finite() {
        return Err(CalculusError::NonFinite);
    }
    let slope: f64 = grad_x.iter().zip(direction).map(|(g, d)| g * d).sum();
    if slope >= 0.0 {
        return Err(CalculusError::NotDescentDirection);
    }

    let mut step = initial_step;
    for shrinks in 0..MAX_BACKTRACKS {
        let trial: Vec<f64> = x
            .iter()
            .zip(direction)
            .map(|(xi, di)| xi + step * di)
            .collect();
        if trial == x {
            return Err(CalculusError::NoConvergence {
                iterations: shrinks,
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
