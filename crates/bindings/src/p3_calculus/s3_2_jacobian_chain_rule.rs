//! The interface of 3.2 — the Jacobian by central differences and the chain rule.

use mathlings_types::CalculusError;
use nalgebra::DMatrix;

/// `jacobian(f, x, h)`.
pub type JacobianFn =
    fn(fn(&[f64]) -> Vec<f64>, &[f64], f64) -> Result<DMatrix<f64>, CalculusError>;

/// `compose_jacobians(jf_at_gx, jg_at_x)`.
pub type ComposeFn = fn(&DMatrix<f64>, &DMatrix<f64>) -> Result<DMatrix<f64>, CalculusError>;

/// The exercise's signature.
pub struct Impl {
    /// `jacobian(f, x, h)`: the m×n matrix of ∂fᵢ/∂xⱼ.
    pub jacobian: JacobianFn,
    /// `compose_jacobians(jf_at_gx, jg_at_x)`: J_f(g(x))·J_g(x).
    pub compose_jacobians: ComposeFn,
}
