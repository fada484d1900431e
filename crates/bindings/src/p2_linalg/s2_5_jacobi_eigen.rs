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

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s2_5_jacobi_eigen {
    ($($m:ident)::+) => {
        $crate::p2_linalg::s2_5_jacobi_eigen::Impl {
            symmetric_eigen: $($m::)+symmetric_eigen,
        }
    };
}
