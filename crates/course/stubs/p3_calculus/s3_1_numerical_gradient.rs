//! # 3.1 Derivatives & gradients — the numerical gradient
//!
//! The gradient ∇f(x) of f: ℝⁿ → ℝ collects the n partial derivatives ∂f/∂xᵢ: the slope of
//! f when *only* xᵢ moves and every other coordinate stays put. So estimate each one with a
//! central difference along its own axis eᵢ (the i-th unit vector), one coordinate at a
//! time — 2n evaluations of f in all:
//!
//! ```text
//! ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h),     i = 1, …, n
//! ```
//!
//! This is the "gradient check" of machine learning: the trusted, slow oracle against which
//! hand-written and automatic gradients are tested. For example the quadratic form
//! f(x) = ½ xᵀAx has ∇f(x) = ½(A + Aᵀ)x, and the central difference reproduces it up to
//! round-off for any h (its third derivatives are 0).
//!
//! Bad input: an empty x, a NaN or ±∞ coordinate or value of f, and a step h that is not
//! finite and > 0 (or so small that xᵢ ± h == xᵢ) are errors.

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
    // TODO: validate, then for each i: copy x, move only coordinate i by +h and by −h,
    // and take the central difference of the two values of f.
    todo!()
}
