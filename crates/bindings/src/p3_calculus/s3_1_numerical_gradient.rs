//! The interface of 3.1 — the numerical gradient by central differences.

use mathlings_types::CalculusError;

/// `numerical_gradient(f, x, h)`.
pub type GradientFn = fn(fn(&[f64]) -> f64, &[f64], f64) -> Result<Vec<f64>, CalculusError>;

/// The exercise's signature.
pub struct Impl {
    /// `numerical_gradient(f, x, h)`: one central difference per coordinate.
    pub numerical_gradient: GradientFn,
}
