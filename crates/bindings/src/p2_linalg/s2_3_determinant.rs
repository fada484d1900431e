//! The interface of 2.3 — the determinant by LU with partial pivoting.

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// The exercise's signature.
pub struct Impl {
    /// `determinant(a)`: det A by elimination with partial pivoting.
    pub determinant: fn(&DMatrix<f64>) -> Result<f64, LinalgError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s2_3_determinant {
    ($($m:ident)::+) => {
        $crate::p2_linalg::s2_3_determinant::Impl { determinant: $($m::)+determinant }
    };
}
