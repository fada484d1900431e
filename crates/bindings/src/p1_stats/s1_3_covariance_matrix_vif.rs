//! The interface of 1.3 — the covariance matrix and variance inflation factors.

use mathlings_types::StatsError;
use nalgebra::DMatrix;

/// The exercise's signature.
pub struct Impl {
    /// `covariance_matrix(data)`: XᶜᵀXᶜ / (n − 1), rows = observations.
    pub covariance_matrix: fn(&DMatrix<f64>) -> Result<DMatrix<f64>, StatsError>,
    /// `variance_inflation_factors(data)`: the diagonal of R⁻¹.
    pub variance_inflation_factors: fn(&DMatrix<f64>) -> Result<Vec<f64>, StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_3_covariance_matrix_vif {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_3_covariance_matrix_vif::Impl {
            covariance_matrix: $($m::)+covariance_matrix,
            variance_inflation_factors: $($m::)+variance_inflation_factors,
        }
    };
}
