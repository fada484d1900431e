//! Plain gradient descent with a fixed learning rate.

use crate::validate::{check_max_iter, check_point, check_positive, norm};
use crate::{CalculusError, Minimization, minimization::gradient_at};

/// Minimizes f by repeatedly stepping against its gradient with a fixed learning rate η.
///
/// Stops as soon as ‖∇f(x)‖₂ ≤ tol. On a convex quadratic ½xᵀAx − bᵀx (A symmetric positive
/// definite, largest eigenvalue L) it converges for 0 < η < 2/L and diverges for η > 2/L:
/// the error along the top eigenvector is multiplied by |1 − ηL| > 1 each step.
///
/// # Formula
/// ```text
/// xₖ₊₁ = xₖ − η ∇f(xₖ),   stop when ‖∇f(xₖ)‖₂ ≤ tol
/// ```
/// where η > 0 is the learning rate.
///
/// # Errors
/// - [`CalculusError::Empty`] if x0 is empty; [`CalculusError::NonFinite`] if x0 or the
///   gradient at x0 has a NaN or ±∞.
/// - [`CalculusError::InvalidParameter`] if learning_rate or tol is not finite and > 0, or
///   max_iter is 0.
/// - [`CalculusError::DimensionMismatch`] if grad returns a vector of another length.
/// - [`CalculusError::NoConvergence`] if the tolerance is not met within max_iter steps, or
///   the iterates diverge (a coordinate or the gradient becomes NaN or ±∞).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, gradient_descent};
///
/// // f(x, y) = x² + 10y², ∇f = (2x, 20y), L = 20: η must be below 2/L = 0.1.
/// let grad = |p: &[f64]| vec![2.0 * p[0], 20.0 * p[1]];
/// let m = gradient_descent(grad, &[1.0, 1.0], 0.05, 1e-10, 10_000).unwrap();
/// assert_relative_eq!(m.x[0], 0.0, epsilon = 1e-10);
/// assert_relative_eq!(m.x[1], 0.0, epsilon = 1e-10);
///
/// // η = 0.11 > 2/L: the y coordinate grows by |1 − 0.11·20| = 1.2 each step.
/// assert!(matches!(
///     gradient_descent(grad, &[1.0, 1.0], 0.11, 1e-10, 10_000),
///     Err(CalculusError::NoConvergence { .. })
/// ));
/// ```
pub fn gradient_descent(
    grad: impl Fn(&[f64]) -> Vec<f64>,
    x0: &[f64],
    learning_rate: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Minimization, CalculusError> {
    check_point(x0)?;
    check_positive("learning_rate", learning_rate)?;
    check_positive("tol", tol)?;
    check_max_iter(max_iter)?;

    let mut x = x0.to_vec();
    let mut iterations = 0;
    loop {
        let g = gradient_at(&grad, &x, iterations)?;
        let gradient_norm = norm(&g);
        if gradient_norm <= tol {
            return Ok(Minimization {
                x,
                value: f64::NAN,
                iterations,
                gradient_norm,
            });
        }
        if iterations == max_iter {
            return Err(CalculusError::NoConvergence { iterations });
        }
        for (xi, gi) in x.iter_mut().zip(&g) {
            *xi -= learning_rate * gi;
        }
        iterations += 1;
    }
}
