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
