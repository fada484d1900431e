//! # 3.3 Optimization — backtracking line search (the Armijo condition)
//!
//! Gradient descent with a fixed learning rate either crawls (too small) or overshoots
//! (too large). A line search picks the step length α along a descent direction d afresh at
//! every iteration. "f decreased" is not enough — a step can decrease f by a negligible amount
//! and stall the method — so the Armijo (sufficient decrease) condition asks for at least a
//! fraction c of the decrease the tangent line promises. Backtracking tries the full step
//! first and shrinks it until the condition holds; since d points downhill (∇f(x)ᵀd < 0), every
//! small enough step passes, so the loop ends.
//!
//! ```text
//! slope = ∇f(x)ᵀd                      (must be < 0: d is a descent direction)
//! α₀ = initial_step,  αₖ = α₀ · shrinkᵏ  (k = 0, 1, 2, …)
//! return the first αₖ with   f(x + αₖ d) ≤ f(x) + c · αₖ · slope
//! ```
//!
//! with c ∈ (0, 1) (typically 1e-4) and shrink ∈ (0, 1) (typically ½). A trial point where f is
//! NaN or ±∞ does not pass (shrink further). Give up with `NoConvergence` when the step no
//! longer moves x (x + αd == x in floats) or after 1000 shrinks.

use mathlings_calculus::CalculusError;

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
    // TODO: validate, compute the slope ∇f(x)ᵀd (reject ≥ 0), then try α = initial_step,
    // α·shrink, α·shrink², … and return the first that passes the Armijo condition.
    todo!()
}
