//! # 3.2 Vector & matrix calculus — the Hessian
//!
//! Central second differences; each mixed entry is computed once and mirrored, so the
//! result is exactly symmetric.
//!
//! ```text
//! Hᵢᵢ = (f(x + h·eᵢ) − 2f(x) + f(x − h·eᵢ)) / h²
//! Hᵢⱼ = (f(x + h·eᵢ + h·eⱼ) − f(x + h·eᵢ − h·eⱼ) − f(x − h·eᵢ + h·eⱼ) + f(x − h·eᵢ − h·eⱼ)) / (4h²)
//! ```

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// Estimates the n×n Hessian of f at x by central second differences with step h.
///
/// # Errors
/// - `CalculusError::Empty` when x is empty;
/// - `CalculusError::NonFinite` when a coordinate of x or a value of f is NaN or ±∞;
/// - `CalculusError::InvalidParameter { name: "h", .. }` when h is not finite and > 0, or
///   xᵢ ± h == xᵢ.
pub fn hessian(f: fn(&[f64]) -> f64, x: &[f64], h: f64) -> Result<DMatrix<f64>, CalculusError> {
    if x.is_empty() {
        return Err(CalculusError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    if !(h.is_finite() && h > 0.0) || x.iter().any(|&v| v + h == v || v - h == v) {
        return Err(CalculusError::InvalidParameter {
            name: "h",
            reason: "must be finite, > 0 and above the float spacing at x",
        });
    }
    let n = x.len();
    // f at x moved by a·h along eᵢ and b·h along eⱼ (a, b ∈ {−1, 0, 1}).
    let at = |i: usize, a: f64, j: usize, b: f64| -> Result<f64, CalculusError> {
        let mut point = x.to_vec();
        point[i] += a * h;
        point[j] += b * h;
        let value = f(&point);
        if value.is_finite() {
            Ok(value)
        } else {
            Err(CalculusError::NonFinite)
        }
    };
    let f_x = at(0, 0.0, 0, 0.0)?;
    let mut hessian = DMatrix::zeros(n, n);
    for i in 0..n {
        hessian[(i, i)] = (at(i, 1.0, i, 0.0)? - 2.0 * f_x + at(i, -1.0, i, 0.0)?) / (h * h);
        for j in (i + 1)..n {
            let mixed = (at(i, 1.0, j, 1.0)? - at(i, 1.0, j, -1.0)? - at(i, -1.0, j, 1.0)?
                + at(i, -1.0, j, -1.0)?)
                / (4.0 * h * h);
            hessian[(i, j)] = mixed;
            hessian[(j, i)] = mixed;
        }
    }
    if hessian.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    Ok(hessian)
}
