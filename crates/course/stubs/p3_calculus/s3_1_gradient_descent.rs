//! # 3.1 Derivatives & gradients — gradient descent
//!
//! The gradient ∇f(x) points uphill, in the direction of steepest increase. To minimise f,
//! take a step *against* it, scaled by the learning rate η, and repeat until the gradient is
//! (nearly) zero:
//!
//! ```text
//! xₖ₊₁ = xₖ − η·∇f(xₖ),      stop when ‖∇f(xₖ)‖₂ ≤ tol
//! ```
//!
//! How large may η be? On a convex quadratic f(x) = ½xᵀAx − bᵀx (∇f = Ax − b, A symmetric
//! positive definite with largest eigenvalue L), the error along the steepest direction is
//! multiplied by |1 − ηL| each step: it shrinks for 0 < η < 2/L and *grows* for η > 2/L.
//! Growing iterates soon overflow to ±∞ and NaN — and NaN ≤ tol is false, but so is
//! NaN > tol: a loop `while norm > tol` stops on NaN and would report garbage as a success.
//! Detect it: a non-finite iterate or gradient means the method diverged.
//!
//! Bad input: an empty or non-finite start, η or tol not finite and > 0, max_iter = 0, and a
//! gradient of the wrong length are errors.

use mathlings_calculus::CalculusError;

/// Minimises f from x0 by gradient descent with a fixed learning rate; returns the first
/// iterate with ‖∇f(x)‖₂ ≤ tol (x0 itself if it qualifies).
///
/// # Errors
/// - `CalculusError::Empty` when x0 is empty; `CalculusError::NonFinite` when x0 or the
///   gradient at x0 has a NaN or ±∞;
/// - `CalculusError::InvalidParameter { name, .. }` with name `"learning_rate"` or `"tol"`
///   when that value is not finite and > 0, and `"max_iter"` when max_iter is 0;
/// - `CalculusError::DimensionMismatch { expected: x0.len(), got }` when grad returns a
///   vector of another length;
/// - `CalculusError::NoConvergence { iterations }` when the tolerance is not met after
///   max_iter steps, or the iterates diverge (an iterate or gradient becomes NaN or ±∞).
pub fn gradient_descent(
    grad: fn(&[f64]) -> Vec<f64>,
    x0: &[f64],
    learning_rate: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Vec<f64>, CalculusError> {
    // TODO: validate, then loop: g = grad(x); stop with Ok(x) if ‖g‖ ≤ tol; give up after
    // max_iter steps or when x or g is not finite; otherwise x ← x − η·g.
    todo!()
}
