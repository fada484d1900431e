//! The interface of 1.9 — Gaussian negative log-likelihood and the mean squared error.

use mathlings_types::StatsError;

/// A loss value, or the typed error.
pub type Loss = Result<f64, StatsError>;

/// The exercise's signature.
pub struct Impl {
    /// `gaussian_nll(y, y_hat, sigma)`: (n/2)·ln(2πσ²) + Σ(yᵢ − ŷᵢ)²/(2σ²).
    pub gaussian_nll: fn(&[f64], &[f64], f64) -> Loss,
    /// `mean_squared_error(y, y_hat)`: Σ(yᵢ − ŷᵢ)²/n.
    pub mean_squared_error: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}
