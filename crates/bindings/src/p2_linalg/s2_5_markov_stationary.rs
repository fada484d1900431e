//! The interface of 2.5 — the stationary distribution of a Markov chain.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// The exercise's signature.
pub struct Impl {
    /// `stationary_distribution(p)`: π with πP = π and Σπ = 1.
    pub stationary_distribution: fn(&DMatrix<f64>) -> Result<DVector<f64>, LinalgError>,
}
