//! # 3.2 Vector & matrix calculus — the Hessian
//!
//! The Hessian H of f: ℝⁿ → ℝ is the n×n matrix of second partial derivatives
//! Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ: the curvature of f, which decides whether a critical point is a
//! minimum, a maximum or a saddle. For smooth f the order of differentiation does not
//! matter, so H is symmetric (Hᵢⱼ = Hⱼᵢ), and your estimate should be too. Use central
//! second differences — the mixed one moves both coordinates *both* ways:
//!
//! ```text
//! Hᵢᵢ = (f(x + h·eᵢ) − 2f(x) + f(x − h·eᵢ)) / h²
//! Hᵢⱼ = (f(x + h·eᵢ + h·eⱼ) − f(x + h·eᵢ − h·eⱼ) − f(x − h·eᵢ + h·eⱼ) + f(x − h·eᵢ − h·eⱼ)) / (4h²)
//! ```
//!
//! Compute Hᵢⱼ for i < j and copy it to Hⱼᵢ. Dividing by h² magnifies round-off by about
//! ε·|f|/h², so the best step is larger than for first derivatives: h ≈ ε^(1/4) ≈ 1e-4.
//!
//! Bad input: an empty x, NaN/±∞ coordinates or values of f, and a step h that is not
//! finite and > 0 (or below the float spacing at xᵢ) are errors.

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
    // TODO: validate; fill the diagonal with the 3-point formula and each pair i < j with
    // the 4-point formula, mirrored to (j, i).
    todo!()
}
