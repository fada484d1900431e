//! # 3.2 Vector & matrix calculus — the Jacobian and the chain rule
//!
//! For f: ℝⁿ → ℝᵐ the Jacobian J_f(x) is the m×n matrix of all partial derivatives: row i is
//! the gradient of the output fᵢ, column j says how every output moves when xⱼ moves. It is
//! the best linear approximation of f near x, f(x + d) ≈ f(x) + J_f(x)·d — so the Jacobian
//! of a linear map x ↦ Ax is A itself. Estimate it one column at a time with central
//! differences:
//!
//! ```text
//! Jᵢⱼ = ∂fᵢ/∂xⱼ ≈ (fᵢ(x + h·eⱼ) − fᵢ(x − h·eⱼ)) / (2h)          (m rows, n columns)
//! ```
//!
//! The chain rule in matrix form: first g moves x, then f moves g(x), so the linear
//! approximations compose — in this order (a k×m times an m×n matrix):
//!
//! ```text
//! J_{f∘g}(x) = J_f(g(x)) · J_g(x)
//! ```
//!
//! Bad input: an empty x or an f returning an empty vector, NaN/±∞ coordinates or values, a
//! bad step h, and Jacobians whose shapes cannot be multiplied are errors.

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
    // TODO: for each input j, evaluate f at x ± h·eⱼ and fill column j of an m×n matrix.
    todo!()
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
    // TODO: check the shapes, then multiply in the order of the chain rule.
    todo!()
}
