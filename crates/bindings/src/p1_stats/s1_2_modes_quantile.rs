//! The interface of 1.2 — all the modes, and quantiles by linear interpolation (type 7).

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `modes(x)`: every most frequent value, ascending.
    pub modes: fn(&[f64]) -> Result<Vec<f64>, StatsError>,
    /// `quantile(x, q)`: type-7 quantile.
    pub quantile: fn(&[f64], f64) -> Result<f64, StatsError>,
}
