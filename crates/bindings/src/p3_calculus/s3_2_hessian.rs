//! The interface of 3.2 — the Hessian by central second differences.

use mathlings_types::CalculusError;
use nalgebra::DMatrix;

/// `hessian(f, x, h)`.
pub type HessianFn = fn(fn(&[f64]) -> f64, &[f64], f64) -> Result<DMatrix<f64>, CalculusError>;

/// The exercise's signature.
pub struct Impl {
    /// `hessian(f, x, h)`: the n×n matrix of ∂²f/∂xᵢ∂xⱼ.
    pub hessian: HessianFn,
}
