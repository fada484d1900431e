//! The interface of 2.5 — symmetric eigendecomposition by cyclic Jacobi.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// The learner's result: (eigenvalues, eigenvectors as columns).
pub type Eigen = Result<(DVector<f64>, DMatrix<f64>), LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `symmetric_eigen(a)`: eigenvalues (descending) and eigenvectors (columns).
    pub symmetric_eigen: fn(&DMatrix<f64>) -> Eigen,
}
