//! The interface of 2.4 — reduced row echelon form with a tolerance, and rank.

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// `rref`'s result: (R, pivot columns), or the typed error.
pub type Rref = Result<(DMatrix<f64>, Vec<usize>), LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `rref(a, tol)`: (R, pivot columns).
    pub rref: fn(&DMatrix<f64>, f64) -> Rref,
    /// `rank(a)`: the number of pivots with the relative tolerance.
    pub rank: fn(&DMatrix<f64>) -> Result<usize, LinalgError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s2_4_rref_rank {
    ($($m:ident)::+) => {
        $crate::p2_linalg::s2_4_rref_rank::Impl {
            rref: $($m::)+rref,
            rank: $($m::)+rank,
        }
    };
}
