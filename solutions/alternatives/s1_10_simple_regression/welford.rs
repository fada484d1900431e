//! Alternative: one pass with Welford's running means and co-moments (Sxx, Sxy, Syy updated per point) instead of two passes (means first, then centred sums).
//!
//! # 1.10 Linear & logistic regression — simple linear regression
//!
//! Every update multiplies deviations from the running means, so the products stay small
//! and a large common offset in x or y costs no digits.
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
    // One pass: Welford's running means and co-moments. Each update adds a product of
    // deviations from the running means, so a large common offset costs no digits.
    let (mut x_mean, mut y_mean) = (0.0, 0.0);
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (count, (xi, yi)) in x.iter().zip(y).enumerate() {
        let k = (count + 1) as f64;
        let (dx, dy) = (xi - x_mean, yi - y_mean);
        x_mean += dx / k;
        y_mean += dy / k;
        // (x − old mean)·(y − new mean): the exact co-moment update.
        sxx += dx * (xi - x_mean);
        sxy += dx * (yi - y_mean);
        syy += dy * (yi - y_mean);
    }
    let slope = sxy / sxx;
    let r_squared = if syy > 0.0 {
        sxy * sxy / (sxx * syy)
    } else {
        1.0
    };
    Ok((y_mean - slope * x_mean, slope, r_squared))
}
