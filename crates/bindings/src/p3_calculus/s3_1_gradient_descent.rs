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

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s3_1_gradient_descent {
    ($($m:ident)::+) => {
        $crate::p3_calculus::s3_1_gradient_descent::Impl {
            gradient_descent: $($m::)+gradient_descent,
        }
    };
}
