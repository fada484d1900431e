//! The interface of 2.5 — the dominant eigenpair by power iteration.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// The learner's result: (λ, v).
pub type Eigenpair = Result<(f64, DVector<f64>), LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `power_iteration(a, tol, max_iter)`: the dominant eigenvalue and a unit eigenvector.
    pub power_iteration: fn(&DMatrix<f64>, f64, usize) -> Eigenpair,
}
