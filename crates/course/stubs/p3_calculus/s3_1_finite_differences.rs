//! # 3.1 Derivatives & gradients — finite differences
//!
//! The derivative f′(x) is the slope of f at x: the limit of the slope of a secant line as
//! its two points close in. A computer cannot take the limit, so it takes a small step h
//! and uses the secant itself. The *forward* difference looks one way; the *central*
//! difference looks both ways, and its errors of even order cancel:
//!
//! ```text
//! forward:  f′(x) ≈ (f(x + h) − f(x)) / h               error ≈ h·|f″(x)|/2   = O(h)
//! central:  f′(x) ≈ (f(x + h) − f(x − h)) / (2h)        error ≈ h²·|f‴(x)|/6  = O(h²)
//! ```
//!
//! So halving h halves the forward error but quarters the central one. Smaller is not
//! always better, though: f(x + h) and f(x − h) are rounded to about 16 digits, and
//! dividing their tiny difference by a tiny h magnifies that rounding, by about ε·|f|/h
//! (ε = 2.2e-16). With h = 1e-15 the "derivative" is mostly noise. The best central step
//! balances the two errors:
//!
//! ```text
//! h ≈ ε^(1/3) · max(1, |x|) ≈ 6e-6 · max(1, |x|)      (about 10 correct digits)
//! ```
//!
//! Bad input: h must be finite and > 0, so large that x + h (and x − h) differ from x as
//! floats, and not so large that they overflow; x and the values of f must be finite.

use mathlings_calculus::CalculusError;

/// Estimates f′(x) by the forward difference (f(x + h) − f(x)) / h.
///
/// # Errors
/// - `CalculusError::InvalidParameter { name: "h", .. }` when h is not finite and > 0, or
///   so small that x + h == x, or so large that x + h overflows to ±∞;
/// - `CalculusError::NonFinite` when x, f(x) or f(x + h) is NaN or ±∞.
pub fn forward_difference(f: fn(f64) -> f64, x: f64, h: f64) -> Result<f64, CalculusError> {
    // TODO: check x and h, then return the slope of the secant from x to x + h.
    todo!()
}

/// Estimates f′(x) by the central difference (f(x + h) − f(x − h)) / (2h).
///
/// # Errors
/// - `CalculusError::InvalidParameter { name: "h", .. }` when h is not finite and > 0, or
///   so small that x + h == x or x − h == x, or so large that x ± h overflows to ±∞;
/// - `CalculusError::NonFinite` when x, f(x + h) or f(x − h) is NaN or ±∞.
pub fn central_difference(f: fn(f64) -> f64, x: f64, h: f64) -> Result<f64, CalculusError> {
    // TODO: check x and h, then return the slope of the secant from x − h to x + h.
    todo!()
}

/// Estimates f′(x) as accurately as finite differences allow: a central difference with a
/// step *you* choose from x (not too large: truncation; not too small: round-off).
///
/// # Errors
/// - `CalculusError::NonFinite` when x or a value of f is NaN or ±∞.
pub fn derivative(f: fn(f64) -> f64, x: f64) -> Result<f64, CalculusError> {
    // TODO: pick h = ε^(1/3)·max(1, |x|) (f64::EPSILON.cbrt()) and call central_difference.
    todo!()
}
