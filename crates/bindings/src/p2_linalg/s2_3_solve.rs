//! The interface of 2.3 — solving A x = b by LU with partial pivoting.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// A vector, or the typed error.
pub type VectorResult = Result<DVector<f64>, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `solve(a, b)`: x with A x = b.
    pub solve: fn(&DMatrix<f64>, &DVector<f64>) -> VectorResult,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s2_3_solve {
    ($($m:ident)::+) => {
        $crate::p2_linalg::s2_3_solve::Impl { solve: $($m::)+solve }
    };
}
