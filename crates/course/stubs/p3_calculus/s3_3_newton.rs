//! # 3.3 Optimization — Newton's method
//!
//! Gradient descent uses only the slope; Newton's method also uses the curvature. At xₖ it
//! replaces f by its second-order Taylor model m(d) = f(xₖ) + ∇f(xₖ)ᵀd + ½dᵀH d and jumps to the
//! model's stationary point, where ∇m(d) = ∇f(xₖ) + H d = 0. On a quadratic with positive
//! definite Hessian the model is exact, so a single step lands on the minimizer; near a
//! minimizer of a smooth f the number of correct digits roughly doubles per step.
//!
//! ```text
//! solve  H(xₖ) dₖ = ∇f(xₖ),    then   xₖ₊₁ = xₖ − dₖ        (stop when ‖∇f(xₖ)‖₂ ≤ tol)
//! ```
//!
//! Solve the linear system by Gaussian elimination with partial pivoting (swap up the row with
//! the largest |entry| in the current column before eliminating it), then back substitution
//! — never by forming H⁻¹. The Hessian counts as singular when the largest available pivot has
//! |pivot| ≤ n · ε · maxᵢⱼ|hᵢⱼ|. Note the sign: the step is −H⁻¹∇f.
//!
//! The loop, with k counting the steps taken: evaluate g = ∇f(x) (check it); if ‖g‖₂ ≤ tol,
//! return x; if k == max_iter, give up; otherwise take a step and k += 1. A NaN or ±∞ in the
//! gradient or Hessian at x0 is bad input (NonFinite); later it means the iterates diverged
//! (NoConvergence).

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// What an optimizer found.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimization {
    /// The point reached.
    pub x: Vec<f64>,
    /// The number of steps taken (0 if x0 already met the tolerance).
    pub iterations: usize,
    /// ‖∇f(x)‖₂ at the point reached.
    pub gradient_norm: f64,
}

/// Finds a stationary point of f by Newton's method, given its gradient `grad` and Hessian
/// `hess`: xₖ₊₁ = xₖ − dₖ with H(xₖ) dₖ = ∇f(xₖ), until ‖∇f(x)‖₂ ≤ tol.
///
/// # Errors
/// - `CalculusError::Empty` if x0 is empty;
/// - `CalculusError::NonFinite` if x0, or the gradient or Hessian at x0, has a NaN or ±∞;
/// - `CalculusError::InvalidParameter { name: "tol" | "max_iter", .. }` if tol is not finite
///   and > 0, or max_iter is 0;
/// - `CalculusError::DimensionMismatch { expected: n, got }` if grad returns a vector, or hess
///   a matrix, of another size than n = x0.len();
/// - `CalculusError::Singular` if a Hessian met on the way is singular;
/// - `CalculusError::NoConvergence { iterations }` if the tolerance is not met within
///   max_iter steps, or the iterates diverge (a NaN or ±∞ after the start).
pub fn newton_method(
    grad: fn(&[f64]) -> Vec<f64>,
    hess: fn(&[f64]) -> DMatrix<f64>,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
) -> Result<Minimization, CalculusError> {
    // TODO: validate, then loop: gradient and its norm (stop?), Hessian, solve H d = g with
    // your own elimination (partial pivoting), x −= d.
    todo!()
}
