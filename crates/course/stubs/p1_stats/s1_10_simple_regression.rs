//! # 1.10 Linear & logistic regression — simple linear regression
//!
//! Simple linear regression draws the straight line y ≈ β₀ + β₁x that makes the sum of
//! squared vertical distances Σ(yᵢ − β₀ − β₁xᵢ)² as small as possible. Setting both
//! partial derivatives to zero gives a closed form: the slope is the covariance of x and
//! y divided by the variance of x, and the line passes through the point of means (x̄, ȳ).
//! R² is the share of the variance of y that the line explains (here the squared
//! correlation of x and y).
//!
//! ```text
//! Sxx = Σ(xᵢ − x̄)²,   Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ),   Syy = Σ(yᵢ − ȳ)²
//! β₁ = Sxy / Sxx,     β₀ = ȳ − β₁ x̄,             R² = Sxy² / (Sxx · Syy)
//! ```
//!
//! The line explains y *from* x: its errors are vertical. Regressing x on y minimises
//! horizontal errors and gives a different line. When y is constant the line fits
//! exactly: report R² = 1. Centre before you multiply (x and y may carry a big offset).

use mathlings_stats::StatsError;

/// Fits y ≈ β₀ + β₁x by least squares and returns `(β₀, β₁, R²)`: intercept, slope and
/// coefficient of determination.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` (or `y`) is empty;
/// - `StatsError::LengthMismatch { left: x.len(), right: y.len() }` when the lengths differ;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::Undefined(_)` when every x is the same (Sxx = 0: the slope is not
///   identifiable), including a single point.
pub fn simple_linear_regression(x: &[f64], y: &[f64]) -> Result<(f64, f64, f64), StatsError> {
    // TODO: check the input, compute the means, then Sxx, Sxy and Syy from centred values,
    // and return (ȳ − β₁x̄, Sxy/Sxx, Sxy²/(Sxx·Syy)).
    todo!()
}
