//! The interface of 3.1 — gradient descent with a fixed learning rate.

use mathlings_types::CalculusError;

/// `gradient_descent(grad, x0, learning_rate, tol, max_iter)`.
pub type Descent =
    fn(fn(&[f64]) -> Vec<f64>, &[f64], f64, f64, usize) -> Result<Vec<f64>, CalculusError>;

/// The exercise's signature.
pub struct Impl {
    /// `gradient_descent(grad, x0, learning_rate, tol, max_iter)`.
    pub gradient_descent: Descent,
}
