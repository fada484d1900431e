//! The interface of 3.1 — forward and central finite differences.

use mathlings_types::CalculusError;

/// A finite-difference estimator `(f, x, h) ↦ f′(x)`.
pub type Estimator = fn(fn(f64) -> f64, f64, f64) -> Result<f64, CalculusError>;

/// `derivative(f, x)`.
pub type DerivativeFn = fn(fn(f64) -> f64, f64) -> Result<f64, CalculusError>;

/// The exercise's signature.
pub struct Impl {
    /// `forward_difference(f, x, h)`: (f(x + h) − f(x)) / h.
    pub forward_difference: Estimator,
    /// `central_difference(f, x, h)`: (f(x + h) − f(x − h)) / (2h).
    pub central_difference: Estimator,
    /// `derivative(f, x)`: a central difference with a well-chosen step.
    pub derivative: DerivativeFn,
}
