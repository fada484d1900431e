//! The Jacobian matrix of a vector function, by central differences.

use nalgebra::DMatrix;

use crate::CalculusError;
use crate::validate::{central_points, check_len, check_point, check_positive, finite};

/// Estimates the m×n Jacobian of f: ℝⁿ → ℝᵐ at x, one central difference per input
/// coordinate (column).
///
/// Row i is the gradient of the output fᵢ; column j says how every output moves when xⱼ
/// moves. The chain rule in matrix form is J(f∘g)(x) = J_f(g(x))·J_g(x).
///
/// # Formula
/// ```text
/// Jᵢⱼ = ∂fᵢ/∂xⱼ ≈ (fᵢ(x + h·eⱼ) − fᵢ(x − h·eⱼ)) / (2h)
/// ```
/// where eⱼ is the j-th unit vector and h > 0 the step.
///
/// # Errors
/// - [`CalculusError::Empty`] if x is empty or f returns an empty vector.
/// - [`CalculusError::NonFinite`] if x or a value of f is NaN or ±∞, or a quotient overflows.
/// - [`CalculusError::InvalidParameter`] if h is not finite and > 0, or xⱼ ± h rounds to xⱼ.
/// - [`CalculusError::DimensionMismatch`] if f returns vectors of different lengths.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, jacobian};
/// use nalgebra::DMatrix;
///
/// // f(x, y) = (x·y, x + y) has J = [[y, x], [1, 1]].
/// let f = |p: &[f64]| vec![p[0] * p[1], p[0] + p[1]];
/// let j = jacobian(f, &[2.0, 5.0], 1e-5).unwrap();
/// let expected = DMatrix::from_row_slice(2, 2, &[5.0, 2.0, 1.0, 1.0]);
/// assert_relative_eq!(j, expected, max_relative = 1e-9);
///
/// assert!(matches!(jacobian(f, &[f64::NAN, 1.0], 1e-5), Err(CalculusError::NonFinite)));
/// ```
pub fn jacobian(
    f: impl Fn(&[f64]) -> Vec<f64>,
    x: &[f64],
    h: f64,
) -> Result<DMatrix<f64>, CalculusError> {
    check_point(x)?;
    check_positive("h", h)?;
    let n = x.len();
    let mut point = x.to_vec();
    // Columns are filled one by one; m is known after the first evaluation of f.
    let mut columns: Vec<Vec<f64>> = Vec::with_capacity(n);
    let mut m = None;
    for j in 0..n {
        let (plus, minus, width) = central_points(x[j], h)?;
        point[j] = plus;
        let f_plus = f(&point);
        point[j] = minus;
        let f_minus = f(&point);
        point[j] = x[j];

        let rows = *m.get_or_insert(f_plus.len());
        if rows == 0 {
            return Err(CalculusError::Empty);
        }
        check_len(rows, f_plus.len())?;
        check_len(rows, f_minus.len())?;
        let mut column = Vec::with_capacity(rows);
        for i in 0..rows {
            column.push(finite((finite(f_plus[i])? - finite(f_minus[i])?) / width)?);
        }
        columns.push(column);
    }
    let rows = m.unwrap_or(0);
    Ok(DMatrix::from_fn(rows, n, |i, j| columns[j][i]))
}
