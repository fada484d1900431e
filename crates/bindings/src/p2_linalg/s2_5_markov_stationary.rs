//! The interface of 2.5 — the stationary distribution of a Markov chain.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// The exercise's signature.
pub struct Impl {
    /// `stationary_distribution(p)`: π with πP = π and Σπ = 1.
    pub stationary_distribution: fn(&DMatrix<f64>) -> Result<DVector<f64>, LinalgError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s2_5_markov_stationary {
    ($($m:ident)::+) => {
        $crate::p2_linalg::s2_5_markov_stationary::Impl {
            stationary_distribution: $($m::)+stationary_distribution,
        }
    };
}
