//! The result of an optimizer, and the gradient evaluation shared by the iterative methods.

use crate::CalculusError;
use crate::validate::check_len;

/// What an optimizer found: the point, the objective there (when the method knows it), the
/// gradient norm there and the number of steps taken.
///
/// The gradient-based methods ([`gradient_descent`](crate::gradient_descent),
/// [`momentum`](crate::momentum), [`adam`](crate::adam), [`newton_method`](crate::newton_method))
/// are given only ∇f, never f itself, so they cannot report f(x): they set `value` to NaN.
/// [`multi_start`](crate::multi_start), which is given f, fills in `value = f(x)`.
///
/// # Formula
/// ```text
/// value = f(x),   gradient_norm = ‖∇f(x)‖₂ = √(Σᵢ (∂f/∂xᵢ)²)
/// ```
/// where x is the point returned.
///
/// # Errors
/// None: this is a plain record.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, gradient_descent};
///
/// // f(x) = (x − 3)², ∇f = 2(x − 3).
/// let m = gradient_descent(|x| vec![2.0 * (x[0] - 3.0)], &[0.0], 0.25, 1e-12, 100).unwrap();
/// assert_relative_eq!(m.x[0], 3.0, epsilon = 1e-12);
/// assert!(m.gradient_norm <= 1e-12);
/// assert!(m.value.is_nan()); // gradient descent never sees f
///
/// // Too small a budget is a typed error.
/// assert!(matches!(
///     gradient_descent(|x| vec![2.0 * (x[0] - 3.0)], &[0.0], 0.01, 1e-12, 5),
///     Err(CalculusError::NoConvergence { iterations: 5 })
/// ));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Minimization {
    /// The point reached.
    pub x: Vec<f64>,
    /// The objective f(x), or NaN when the method was only given the gradient.
    pub value: f64,
    /// The number of update steps performed (0 if the start already met the tolerance).
    pub iterations: usize,
    /// ‖∇f(x)‖₂ at the point reached (NaN if the method was given no gradient).
    pub gradient_norm: f64,
}

/// Evaluates the gradient at x and checks it.
///
/// `DimensionMismatch` if it has the wrong length. A NaN or ±∞ (in x or in the gradient) is
/// `NonFinite` at the start (`iterations == 0`: bad input) and `NoConvergence` afterwards
/// (the iterates diverged).
pub(crate) fn gradient_at(
    grad: &impl Fn(&[f64]) -> Vec<f64>,
    x: &[f64],
    iterations: usize,
) -> Result<Vec<f64>, CalculusError> {
    let g = grad(x);
    check_len(x.len(), g.len())?;
    if x.iter().chain(&g).all(|v| v.is_finite()) {
        Ok(g)
    } else if iterations == 0 {
        Err(CalculusError::NonFinite)
    } else {
        Err(CalculusError::NoConvergence { iterations })
    }
}
