//! Simple linear regression: a straight line through a cloud of (x, y) points.

use crate::ModelError;
use crate::validate::check_values;

/// The least-squares line y ≈ intercept + slope · x and its R².
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{simple_linear_regression, ModelError};
///
/// let fit = simple_linear_regression(&[0.0, 1.0, 2.0, 3.0], &[1.0, 3.0, 5.0, 8.0])?;
/// // β₁ = Sxy / Sxx = 11.5 / 5, and the line passes through (x̄, ȳ) = (1.5, 4.25).
/// assert_relative_eq!(fit.slope, 2.3, epsilon = 1e-12);
/// assert_relative_eq!(fit.intercept + fit.slope * 1.5, 4.25, epsilon = 1e-12);
/// assert!(fit.r_squared > 0.98 && fit.r_squared < 1.0);
/// # Ok::<(), ModelError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimpleLinearRegression {
    /// β₀, where the line crosses x = 0.
    pub intercept: f64,
    /// β₁, the change in y per unit of x.
    pub slope: f64,
    /// R² = r², the squared Pearson correlation of x and y: the share of the variance
    /// of y the line explains.
    pub r_squared: f64,
}

/// Fits y ≈ β₀ + β₁x by least squares in closed form, from centred sums.
///
/// Centring first (two passes over the data) avoids the catastrophic cancellation of
/// the one-pass Σxy − n x̄ ȳ form when x or y carry a large offset.
///
/// # Formula
/// ```text
/// Sxx = Σ(xᵢ − x̄)²,  Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ),  Syy = Σ(yᵢ − ȳ)²
/// β₁ = Sxy / Sxx,   β₀ = ȳ − β₁ x̄,   R² = Sxy² / (Sxx · Syy)
/// ```
/// where x̄ and ȳ are the sample means. When y is constant the line fits exactly and
/// R² is reported as 1.
///
/// # Errors
/// `Empty`, `NonFinite`, `ShapeMismatch` (lengths differ), `RankDeficient` when x is
/// constant (every line through (x̄, ȳ) fits equally well: the slope is not identifiable).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::{simple_linear_regression, ModelError};
///
/// let fit = simple_linear_regression(&[1.0, 2.0, 3.0, 4.0], &[3.0, 5.0, 7.0, 9.0])?;
/// assert_relative_eq!(fit.slope, 2.0, epsilon = 1e-12);
/// assert_relative_eq!(fit.intercept, 1.0, epsilon = 1e-12);
/// assert_relative_eq!(fit.r_squared, 1.0, epsilon = 1e-12);
///
/// let constant_x = simple_linear_regression(&[2.0, 2.0], &[1.0, 3.0]);
/// assert!(matches!(constant_x, Err(ModelError::RankDeficient { rank: 1, columns: 2 })));
/// # Ok::<(), ModelError>(())
/// ```
pub fn simple_linear_regression(
    x: &[f64],
    y: &[f64],
) -> Result<SimpleLinearRegression, ModelError> {
    check_values(x)?;
    check_values(y)?;
    if x.len() != y.len() {
        return Err(ModelError::ShapeMismatch(format!(
            "{} x values but {} y values",
            x.len(),
            y.len()
        )));
    }
    let x_mean = mathlings_stats::mean(x)?;
    let y_mean = mathlings_stats::mean(y)?;
    let mut sxx = 0.0;
    let mut sxy = 0.0;
    let mut syy = 0.0;
    for (xi, yi) in x.iter().zip(y) {
        let dx = xi - x_mean;
        let dy = yi - y_mean;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if sxx == 0.0 {
        return Err(ModelError::RankDeficient {
            rank: 1,
            columns: 2,
        });
    }
    let slope = sxy / sxx;
    let r_squared = if syy > 0.0 {
        sxy * sxy / (sxx * syy)
    } else {
        1.0
    };
    Ok(SimpleLinearRegression {
        intercept: y_mean - slope * x_mean,
        slope,
        r_squared,
    })
}
