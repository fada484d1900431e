//! # 3.1 Derivatives & gradients — the numerical gradient
//!
//! One central difference per coordinate, moving only that coordinate and putting it back
//! before the next; the denominator is the distance between the two points as floats
//! represent it.
//!
//! ```text
//! ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h)
//! ```

use mathlings_calculus::CalculusError;

/// Estimates ∇f(x) by a central difference along each coordinate axis, with step h.
///
/// # Errors
/// - `CalculusError::Empty` when x is empty;
/// - `CalculusError::InvalidParameter { name: "h", .. }` when h is not finite and > 0, or
///   so small that xᵢ + h == xᵢ or xᵢ − h == xᵢ for some i;
/// - `CalculusError::NonFinite` when a coordinate of x or a value of f is NaN or ±∞.
pub fn numerical_gradient(
    f: fn(&[f64]) -> f64,
    x: &[f64],
    h: f64,
) -> Result<Vec<f64>, CalculusError> {
    if x.is_empty() {
        return Err(CalculusError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    if !(h.is_finite() && h > 0.0) {
        return Err(bad_step("must be finite and > 0"));
    }
    let mut point = x.to_vec();
    let mut gradient = Vec::with_capacity(x.len());
    for i in 0..x.len() {
        let (plus, minus) = (x[i] + h, x[i] - h);
        if plus == x[i] || minus == x[i] {
            return Err(bad_step("xᵢ ± h rounds to xᵢ"));
        }
        point[i] = plus;
        let f_plus = finite(f(&point))?;
        point[i] = minus;
        let f_minus = finite(f(&point))?;
        point[i] = x[i];
        gradient.push(finite((f_plus - f_minus) / (plus - minus))?);
    }
    Ok(gradient)
}

fn bad_step(reason: &'static str) -> CalculusError {
    CalculusError::InvalidParameter { name: "h", reason }
}

fn finite(v: f64) -> Result<f64, CalculusError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(CalculusError::NonFinite)
    }
}
