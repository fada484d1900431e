//! # 1.10 Linear & logistic regression — simple linear regression
//!
//! Two passes: the means first, then the centred sums Sxx, Sxy and Syy. Centring keeps
//! the products small, so a large common offset in x or y costs no digits.
//!
//! ```text
//! β₁ = Sxy / Sxx,   β₀ = ȳ − β₁ x̄,   R² = Sxy² / (Sxx · Syy)
//! ```

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
    if x.is_empty() || y.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch {
            left: x.len(),
            right: y.len(),
        });
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if x.iter().all(|&v| v == x[0]) {
        return Err(StatsError::Undefined(
            "x is constant: the slope is not identifiable",
        ));
    }
    let n = x.len() as f64;
    let x_mean = x.iter().sum::<f64>() / n;
    let y_mean = y.iter().sum::<f64>() / n;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (xi, yi) in x.iter().zip(y) {
        let (dx, dy) = (xi - x_mean, yi - y_mean);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    let slope = sxy / sxx;
    let r_squared = if syy > 0.0 {
        sxy * sxy / (sxx * syy)
    } else {
        1.0
    };
    Ok((y_mean - slope * x_mean, slope, r_squared))
}
