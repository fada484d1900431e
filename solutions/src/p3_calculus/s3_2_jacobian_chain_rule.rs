//! # 3.2 Vector & matrix calculus — the Jacobian and the chain rule
//!
//! Column j of the Jacobian is the central difference of the whole output vector along
//! eⱼ; the chain rule multiplies the outer Jacobian on the left.
//!
//! ```text
//! Jᵢⱼ ≈ (fᵢ(x + h·eⱼ) − fᵢ(x − h·eⱼ)) / (2h),      J_{f∘g}(x) = J_f(g(x)) · J_g(x)
//! ```

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// Estimates the m×n Jacobian of f at x (n = x.len(), m = f(x).len()) by central
/// differences with step h, one column per input coordinate.
///
/// # Errors
/// - `CalculusError::Empty` when x is empty or f returns an empty vector;
/// - `CalculusError::NonFinite` when a coordinate of x or a value of f is NaN or ±∞;
/// - `CalculusError::InvalidParameter { name: "h", .. }` when h is not finite and > 0, or
///   xⱼ ± h == xⱼ;
/// - `CalculusError::DimensionMismatch { expected, got }` when f returns vectors of
///   different lengths.
pub fn jacobian(
    f: fn(&[f64]) -> Vec<f64>,
    x: &[f64],
    h: f64,
) -> Result<DMatrix<f64>, CalculusError> {
    if x.is_empty() {
        return Err(CalculusError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    if !(h.is_finite() && h > 0.0) {
        return Err(bad_step("must be finite and > 0"));
    }
    let n = x.len();
    let m = f(x).len();
    if m == 0 {
        return Err(CalculusError::Empty);
    }
    let mut j = DMatrix::zeros(m, n);
    let mut point = x.to_vec();
    for col in 0..n {
        let (plus, minus) = (x[col] + h, x[col] - h);
        if plus == x[col] || minus == x[col] {
            return Err(bad_step("xⱼ ± h rounds to xⱼ"));
        }
        point[col] = plus;
        let f_plus = f(&point);
        point[col] = minus;
        let f_minus = f(&point);
        point[col] = x[col];
        for values in [&f_plus, &f_minus] {
            if values.len() != m {
                return Err(CalculusError::DimensionMismatch {
                    expected: m,
                    got: values.len(),
                });
            }
        }
        for row in 0..m {
            let slope = (f_plus[row] - f_minus[row]) / (plus - minus);
            if !slope.is_finite() {
                return Err(CalculusError::NonFinite);
            }
            j[(row, col)] = slope;
        }
    }
    Ok(j)
}

/// The Jacobian of f∘g at x from J_f at g(x) (k×m) and J_g at x (m×n): their k×n product.
///
/// # Errors
/// - `CalculusError::Empty` when either matrix has no entries;
/// - `CalculusError::DimensionMismatch { expected: jf_at_gx.ncols(), got: jg_at_x.nrows() }`
///   when the shapes do not chain.
pub fn compose_jacobians(
    jf_at_gx: &DMatrix<f64>,
    jg_at_x: &DMatrix<f64>,
) -> Result<DMatrix<f64>, CalculusError> {
    if jf_at_gx.is_empty() || jg_at_x.is_empty() {
        return Err(CalculusError::Empty);
    }
    if jf_at_gx.ncols() != jg_at_x.nrows() {
        return Err(CalculusError::DimensionMismatch {
            expected: jf_at_gx.ncols(),
            got: jg_at_x.nrows(),
        });
    }
    Ok(jf_at_gx * jg_at_x)
}

fn bad_step(reason: &'static str) -> CalculusError {
    CalculusError::InvalidParameter { name: "h", reason }
}
