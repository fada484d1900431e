//! The interface of 3.2 — stable softmax, log-softmax and the softmax Jacobian.

use mathlings_types::CalculusError;
use nalgebra::DMatrix;

/// `softmax(z)` or `log_softmax(z)`.
pub type VectorFn = fn(&[f64]) -> Result<Vec<f64>, CalculusError>;

/// `softmax_jacobian(z)`.
pub type JacobianFn = fn(&[f64]) -> Result<DMatrix<f64>, CalculusError>;

/// The exercise's signature.
pub struct Impl {
    /// `softmax(z)`: exp(zᵢ − m) / Σⱼ exp(zⱼ − m).
    pub softmax: VectorFn,
    /// `log_softmax(z)`: zᵢ − m − ln Σⱼ exp(zⱼ − m).
    pub log_softmax: VectorFn,
    /// `softmax_jacobian(z)`: diag(s) − s sᵀ.
    pub softmax_jacobian: JacobianFn,
}
