//! # 1.9 Maximum likelihood — Gaussian negative log-likelihood and the mean squared error
//!
//! ```text
//! NLL = (n/2)·ln(2πσ²) + Σᵢ (yᵢ − ŷᵢ)² / (2σ²),   MSE = (1/n) Σᵢ (yᵢ − ŷᵢ)²
//! ```

use std::f64::consts::PI;

use mathlings_stats::StatsError;

/// Checks a pair of non-empty, finite, equal-length slices.
fn paired(y: &[f64], y_hat: &[f64]) -> Result<(), StatsError> {
    if y.is_empty() || y_hat.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if y.iter().chain(y_hat).any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if y.len() != y_hat.len() {
        return Err(StatsError::LengthMismatch {
            left: y.len(),
            right: y_hat.len(),
        });
    }
    Ok(())
}

fn sum_of_squared_errors(y: &[f64], y_hat: &[f64]) -> f64 {
    y.iter().zip(y_hat).map(|(a, b)| (a - b).powi(2)).sum()
}

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
    paired(y, y_hat)?;
    if !(sigma.is_finite() && sigma > 0.0) {
        return Err(StatsError::InvalidParameter {
            name: "sigma",
            reason: "must be finite and > 0",
        });
    }
    let n = y.len() as f64;
    let variance = sigma * sigma;
    Ok(0.5 * n * (2.0 * PI * variance).ln() + sum_of_squared_errors(y, y_hat) / (2.0 * variance))
}

/// Returns the mean squared error between the targets `y` and the predictions `y_hat`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `y` or `y_hat` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the lengths differ
///   (`left = y.len()`, `right = y_hat.len()`).
pub fn mean_squared_error(y: &[f64], y_hat: &[f64]) -> Result<f64, StatsError> {
    paired(y, y_hat)?;
    Ok(sum_of_squared_errors(y, y_hat) / y.len() as f64)
}
