//! The Hessian matrix of second derivatives, by central second differences.

use nalgebra::DMatrix;

use crate::CalculusError;
use crate::validate::{central_points, check_point, check_positive, finite};

/// Estimates the n×n Hessian of f: ℝⁿ → ℝ at x by central second differences.
///
/// Only the entries with i ≤ j are computed and each is mirrored to (j, i), so the result is
/// exactly symmetric (as the true Hessian of a twice continuously differentiable f is). The
/// error is O(h²) truncation plus O(ε·|f|/h²) round-off: h ≈ ε^(1/4)·scale balances them
/// (see [`optimal_hessian_step`](crate::optimal_hessian_step)), giving about 8 digits.
///
/// # Formula
/// ```text
/// Hᵢᵢ = (f(x + h·eᵢ) − 2f(x) + f(x − h·eᵢ)) / h²
/// Hᵢⱼ = (f(x + h·eᵢ + h·eⱼ) − f(x + h·eᵢ − h·eⱼ) − f(x − h·eᵢ + h·eⱼ) + f(x − h·eᵢ − h·eⱼ)) / (4h²)
/// Hⱼᵢ = Hᵢⱼ
/// ```
/// where eᵢ is the i-th unit vector, h > 0 the step, and each h in a denominator is the
/// half-width (xᵢ + h) − (xᵢ − h) over 2 as floats represent it.
///
/// # Errors
/// - [`CalculusError::Empty`] if x is empty.
/// - [`CalculusError::NonFinite`] if x or a value of f is NaN or ±∞, or a quotient overflows.
/// - [`CalculusError::InvalidParameter`] if h is not finite and > 0, or xᵢ ± h rounds to xᵢ.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, hessian, optimal_hessian_step};
/// use nalgebra::DMatrix;
///
/// // f(x, y) = x²y + y³ has H = [[2y, 2x], [2x, 6y]].
/// let f = |p: &[f64]| p[0] * p[0] * p[1] + p[1].powi(3);
/// let h = hessian(f, &[1.0, 2.0], optimal_hessian_step(2.0)).unwrap();
/// let expected = DMatrix::from_row_slice(2, 2, &[4.0, 2.0, 2.0, 12.0]);
/// assert_relative_eq!(h, expected, epsilon = 1e-6);
/// assert_eq!(h, h.transpose());
///
/// assert!(matches!(hessian(f, &[1.0, 2.0], 0.0), Err(CalculusError::InvalidParameter { .. })));
/// ```
pub fn hessian(
    f: impl Fn(&[f64]) -> f64,
    x: &[f64],
    h: f64,
) -> Result<DMatrix<f64>, CalculusError> {
    check_point(x)?;
    check_positive("h", h)?;
    let n = x.len();
    // For each coordinate: the two shifted values and the half-width actually travelled.
    let mut shifted = Vec::with_capacity(n);
    for &xi in x {
        let (plus, minus, width) = central_points(xi, h)?;
        shifted.push((plus, minus, width / 2.0));
    }
    let f_x = finite(f(x))?;
    let mut point = x.to_vec();
    // f at x with coordinate i set to a and coordinate j set to b (i may equal j).
    let mut f_at = |i: usize, a: f64, j: usize, b: f64| -> Result<f64, CalculusError> {
        point[i] = a;
        point[j] = b;
        let value = f(&point);
        point[i] = x[i];
        point[j] = x[j];
        finite(value)
    };

    let mut hessian = DMatrix::zeros(n, n);
    for i in 0..n {
        let (plus_i, minus_i, h_i) = shifted[i];
        let f_plus = f_at(i, plus_i, i, plus_i)?;
        let f_minus = f_at(i, minus_i, i, minus_i)?;
        hessian[(i, i)] = finite((f_plus - 2.0 * f_x + f_minus) / (h_i * h_i))?;
        for j in (i + 1)..n {
            let (plus_j, minus_j, h_j) = shifted[j];
            let f_pp = f_at(i, plus_i, j, plus_j)?;
            let f_pm = f_at(i, plus_i, j, minus_j)?;
            let f_mp = f_at(i, minus_i, j, plus_j)?;
            let f_mm = f_at(i, minus_i, j, minus_j)?;
            let second = finite((f_pp - f_pm - f_mp + f_mm) / (4.0 * h_i * h_j))?;
            hessian[(i, j)] = second;
            hessian[(j, i)] = second;
        }
    }
    Ok(hessian)
}
