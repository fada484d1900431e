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
