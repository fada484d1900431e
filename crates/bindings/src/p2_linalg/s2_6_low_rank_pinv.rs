//! The interface of 2.6 — low-rank approximation, pseudo-inverse and condition number.

use mathlings_types::LinalgError;
use nalgebra::DMatrix;

/// The exercise's signature.
pub struct Impl {
    /// `low_rank_approximation(a, k)`: the best rank-k approximation A_k.
    pub low_rank_approximation: fn(&DMatrix<f64>, usize) -> Result<DMatrix<f64>, LinalgError>,
    /// `pseudo_inverse(a)`: the Moore–Penrose pseudo-inverse A⁺.
    pub pseudo_inverse: fn(&DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError>,
    /// `condition_number(a)`: σ_max / σ_min.
    pub condition_number: fn(&DMatrix<f64>) -> Result<f64, LinalgError>,
}
