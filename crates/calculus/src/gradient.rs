//! The numerical gradient: one central difference per coordinate.

use crate::CalculusError;
use crate::validate::{central_points, check_point, check_positive, finite};

/// Estimates ∇f(x) by a central difference along each coordinate axis.
///
/// Costs 2n evaluations of f for n coordinates and has the O(h²) error of
/// [`central_difference`](crate::central_difference) in each component. It is the standard
/// "gradient check" oracle for an analytic or automatic gradient.
///
/// # Formula
/// ```text
/// ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h)
/// ```
/// where eᵢ is the i-th unit vector and h > 0 the step (the denominator is the distance
/// (xᵢ + h) − (xᵢ − h) as floats represent it).
///
/// # Errors
/// - [`CalculusError::Empty`] if x is empty.
/// - [`CalculusError::NonFinite`] if x or a value of f is NaN or ±∞, or a quotient overflows.
/// - [`CalculusError::InvalidParameter`] if h is not finite and > 0, or xᵢ ± h rounds to xᵢ.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, numerical_gradient};
///
/// // f(x, y) = x²y has gradient (2xy, x²).
/// let f = |p: &[f64]| p[0] * p[0] * p[1];
/// let g = numerical_gradient(f, &[3.0, 2.0], 1e-5).unwrap();
/// assert_relative_eq!(g[0], 12.0, max_relative = 1e-9);
/// assert_relative_eq!(g[1], 9.0, max_relative = 1e-9);
///
/// assert!(matches!(numerical_gradient(f, &[], 1e-5), Err(CalculusError::Empty)));
/// ```
pub fn numerical_gradient(
    f: impl Fn(&[f64]) -> f64,
    x: &[f64],
    h: f64,
) -> Result<Vec<f64>, CalculusError> {
    check_point(x)?;
    check_positive("h", h)?;
    let mut point = x.to_vec();
    let mut gradient = Vec::with_capacity(x.len());
    for i in 0..x.len() {
        let (plus, minus, width) = central_points(x[i], h)?;
        point[i] = plus;
        let f_plus = finite(f(&point))?;
        point[i] = minus;
        let f_minus = finite(f(&point))?;
        point[i] = x[i];
        gradient.push(finite((f_plus - f_minus) / width)?);
    }
    Ok(gradient)
}
