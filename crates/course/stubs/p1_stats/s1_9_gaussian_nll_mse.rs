//! # 1.9 Maximum likelihood — Gaussian negative log-likelihood and the mean squared error
//!
//! Suppose each target is its prediction plus Gaussian noise: yᵢ = ŷᵢ + εᵢ, εᵢ ~ N(0, σ²).
//! The negative log-likelihood (NLL) of the targets is then a constant plus the sum of
//! squared errors scaled by 1/(2σ²). For a fixed σ it is an increasing straight-line
//! function of the mean squared error (MSE): whatever minimises one minimises the other.
//! That is why least squares *is* maximum likelihood under Gaussian noise.
//!
//! ```text
//! NLL = Σᵢ −ln N(yᵢ; ŷᵢ, σ²) = (n/2)·ln(2πσ²) + Σᵢ (yᵢ − ŷᵢ)² / (2σ²)
//! MSE = (1/n) Σᵢ (yᵢ − ŷᵢ)²
//! so  NLL = (n/2)·ln(2πσ²) + n·MSE / (2σ²)
//! ```

use mathlings_stats::StatsError;

/// Returns the Gaussian negative log-likelihood (summed over observations) of the targets
/// `y` given predictions `y_hat` and noise standard deviation `sigma`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `y` or `y_hat` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the lengths differ
///   (`left = y.len()`, `right = y_hat.len()`);
/// - `StatsError::InvalidParameter { name: "sigma", .. }` when `sigma` is NaN, infinite or ≤ 0.
pub fn gaussian_nll(y: &[f64], y_hat: &[f64], sigma: f64) -> Result<f64, StatsError> {
    // TODO: validate, then (n/2)·ln(2πσ²) + Σ(yᵢ − ŷᵢ)²/(2σ²).
    todo!()
}

/// Returns the mean squared error between the targets `y` and the predictions `y_hat`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `y` or `y_hat` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the lengths differ
///   (`left = y.len()`, `right = y_hat.len()`).
pub fn mean_squared_error(y: &[f64], y_hat: &[f64]) -> Result<f64, StatsError> {
    // TODO: validate, then Σ(yᵢ − ŷᵢ)² / n.
    todo!()
}
