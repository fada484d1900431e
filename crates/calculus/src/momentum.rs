//! Gradient descent with (heavy-ball) momentum.

use crate::validate::{check_decay, check_max_iter, check_point, check_positive, norm};
use crate::{CalculusError, Minimization, minimization::gradient_at};

/// Minimizes f by gradient descent with momentum: the step is a running, decaying sum of
/// past gradients (a "velocity").
///
/// Along a narrow valley the gradients across the valley alternate in sign and cancel in the
/// velocity, while those along the valley add up. On an ill-conditioned quadratic (condition
/// number κ) the number of steps falls from O(κ) for plain gradient descent to O(√κ) with a
/// well-chosen β. β = 0 is plain gradient descent. Stops as soon as ‖∇f(x)‖₂ ≤ tol.
///
/// # Formula
/// ```text
/// v₀ = 0,   vₖ₊₁ = β vₖ + ∇f(xₖ),   xₖ₊₁ = xₖ − η vₖ₊₁
/// ```
/// where η > 0 is the learning rate and β ∈ [0, 1) the momentum (decay of the velocity).
///
/// # Errors
/// - [`CalculusError::Empty`] if x0 is empty; [`CalculusError::NonFinite`] if x0 or the
///   gradient at x0 has a NaN or ±∞.
/// - [`CalculusError::InvalidParameter`] if learning_rate or tol is not finite and > 0, beta
///   is outside [0, 1), or max_iter is 0.
/// - [`CalculusError::DimensionMismatch`] if grad returns a vector of another length.
/// - [`CalculusError::NoConvergence`] if the tolerance is not met within max_iter steps, or
///   the iterates diverge.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, gradient_descent, momentum};
///
/// // f(x, y) = ½(x² + 100y²): condition number 100.
/// let grad = |p: &[f64]| vec![p[0], 100.0 * p[1]];
/// let heavy = momentum(grad, &[1.0, 1.0], 0.01, 0.8, 1e-8, 10_000).unwrap();
/// let plain = gradient_descent(grad, &[1.0, 1.0], 0.01, 1e-8, 10_000).unwrap();
/// assert_relative_eq!(heavy.x[0], 0.0, epsilon = 1e-8);
/// assert!(heavy.iterations < plain.iterations);
///
/// assert!(matches!(
///     momentum(grad, &[1.0, 1.0], 0.01, 1.0, 1e-8, 100),
///     Err(CalculusError::InvalidParameter { name: "beta", .. })
/// ));
/// ```
pub fn momentum(
    grad: impl Fn(&[f64]) -> Vec<f64>,
    x0: &[f64],
    learning_rate: f64,
    beta: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Minimization, CalculusError> {
    check_point(x0)?;
    check_positive("learning_rate", learning_rate)?;
    check_decay("beta", beta)?;
    check_positive("tol", tol)?;
    check_max_iter(max_iter)?;

    let mut x = x0.to_vec();
    let mut velocity = vec![0.0; x.len()];
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
        for ((xi, vi), gi) in x.iter_mut().zip(velocity.iter_mut()).zip(&g) {
            *vi = beta * *vi + gi;
            *xi -= learning_rate * *vi;
        }
        iterations += 1;
    }
}
