//! Finite differences: the derivative of f at x estimated from a few values of f.

use crate::CalculusError;
use crate::validate::{central_points, check_positive, finite};

/// Forward-difference estimate of f′(x): the slope of the secant from x to x + h.
///
/// The error is O(h) (truncation, ½·h·|f″|) plus O(ε·|f|/h) (round-off); the best h is
/// about √ε·max(1, |x|) ≈ 1.5e-8·max(1, |x|) (see [`optimal_forward_step`]), which leaves
/// about 8 correct digits. Prefer [`central_difference`].
///
/// # Formula
/// ```text
/// f′(x) ≈ (f(x + h) − f(x)) / h
/// ```
/// where h > 0 is the step; the denominator used is the distance (x + h) − x as floats
/// represent it, which removes the rounding of x + h from the estimate.
///
/// # Errors
/// - [`CalculusError::NonFinite`] if x, f(x) or f(x + h) is NaN or ±∞, or the quotient
///   overflows.
/// - [`CalculusError::InvalidParameter`] if h is not finite and > 0, or so small that
///   x + h rounds to x.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, forward_difference};
///
/// let slope = forward_difference(|x| x * x, 3.0, 1e-8).unwrap();
/// assert_relative_eq!(slope, 6.0, max_relative = 1e-7);
///
/// // 1e-20 is below the spacing of floats at 3.0: x + h == x.
/// assert!(matches!(
///     forward_difference(|x| x * x, 3.0, 1e-20),
///     Err(CalculusError::InvalidParameter { name: "h", .. })
/// ));
/// ```
pub fn forward_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> Result<f64, CalculusError> {
    finite(x)?;
    check_positive("h", h)?;
    let x_plus = x + h;
    let step = x_plus - x;
    if !(step > 0.0 && step.is_finite()) {
        return Err(CalculusError::InvalidParameter {
            name: "h",
            reason: "x + h rounds to x (h below the float spacing at x) or overflows",
        });
    }
    let f_plus = finite(f(x_plus))?;
    let f_x = finite(f(x))?;
    finite((f_plus - f_x) / step)
}

/// Central-difference estimate of f′(x): the slope of the secant from x − h to x + h.
///
/// The even-order error terms cancel, so the truncation error is O(h²) (h²·|f‴|/6) instead
/// of the forward difference's O(h): halving h divides the error by about 4, not 2. The
/// round-off error grows as ε·|f|/h, so h should not be too small either: see
/// [`optimal_central_step`].
///
/// # Formula
/// ```text
/// f′(x) ≈ (f(x + h) − f(x − h)) / (2h)
/// ```
/// where h > 0 is the step; the denominator used is (x + h) − (x − h) as floats represent
/// it (it can differ from 2h by rounding).
///
/// # Errors
/// - [`CalculusError::NonFinite`] if x, f(x + h) or f(x − h) is NaN or ±∞, or the quotient
///   overflows.
/// - [`CalculusError::InvalidParameter`] if h is not finite and > 0, or so small that
///   x ± h rounds to x.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, central_difference, optimal_central_step};
///
/// let x = 0.5_f64;
/// let slope = central_difference(f64::sin, x, optimal_central_step(x)).unwrap();
/// assert_relative_eq!(slope, x.cos(), max_relative = 1e-10);
///
/// assert!(matches!(
///     central_difference(f64::sin, x, -0.1),
///     Err(CalculusError::InvalidParameter { name: "h", .. })
/// ));
/// ```
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> Result<f64, CalculusError> {
    finite(x)?;
    check_positive("h", h)?;
    let (x_plus, x_minus, width) = central_points(x, h)?;
    let f_plus = finite(f(x_plus))?;
    let f_minus = finite(f(x_minus))?;
    finite((f_plus - f_minus) / width)
}

/// The step that balances truncation and round-off error in [`central_difference`].
///
/// Truncation error is about h²·|f‴|/6 and round-off about ε·|f|/h; their sum is smallest
/// near h = ∛(3ε·|f|/|f‴|). Without knowledge of f we take |f|/|f‴| ≈ max(1, |x|)³ (the
/// scale of x), giving the classic rule below; the total error is then about ε^(2/3) ≈ 4e-11
/// relative, i.e. 10 correct digits. Scaling by |x| keeps x ± h distinct from x for large x.
///
/// # Formula
/// ```text
/// h = ε^(1/3) · max(1, |x|)
/// ```
/// where ε = 2.22e-16 is the machine epsilon of f64 (so ε^(1/3) ≈ 6.06e-6).
///
/// # Errors
/// None: an infinite x gives an infinite step and a NaN x the step for x = 0 (`f64::max`
/// ignores NaN); [`central_difference`] rejects such an x itself.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::optimal_central_step;
///
/// assert_relative_eq!(optimal_central_step(0.0), f64::EPSILON.cbrt());
/// assert_relative_eq!(optimal_central_step(-100.0), 100.0 * f64::EPSILON.cbrt());
/// assert_eq!(optimal_central_step(f64::NAN), optimal_central_step(0.0));
/// ```
pub fn optimal_central_step(x: f64) -> f64 {
    f64::EPSILON.cbrt() * x.abs().max(1.0)
}

/// The step that balances truncation and round-off error in [`forward_difference`].
///
/// Truncation error is about h·|f″|/2 and round-off about 2ε·|f|/h; the sum is smallest near
/// h = 2·√(ε·|f|/|f″|), which for f of the scale of x gives the rule below and about
/// √ε ≈ 1.5e-8 relative error (8 digits).
///
/// # Formula
/// ```text
/// h = √ε · max(1, |x|)
/// ```
/// where ε = 2.22e-16 is the machine epsilon of f64.
///
/// # Errors
/// None: an infinite x gives an infinite step and a NaN x the step for x = 0 (`f64::max`
/// ignores NaN); [`forward_difference`] rejects such an x itself.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{forward_difference, optimal_forward_step};
///
/// let slope = forward_difference(f64::exp, 1.0, optimal_forward_step(1.0)).unwrap();
/// assert_relative_eq!(slope, 1f64.exp(), max_relative = 1e-7);
/// assert!(optimal_forward_step(f64::INFINITY).is_infinite());
/// ```
pub fn optimal_forward_step(x: f64) -> f64 {
    f64::EPSILON.sqrt() * x.abs().max(1.0)
}

/// The step that balances truncation and round-off error in a second difference (used by
/// [`hessian`](crate::hessian)).
///
/// A second difference divides by h², so round-off grows as ε·|f|/h² while truncation is
/// h²·|f⁗|/12; the balance is near h = ε^(1/4)·scale, leaving about √ε ≈ 1.5e-8 relative
/// error (8 digits).
///
/// # Formula
/// ```text
/// h = ε^(1/4) · max(1, |x|)
/// ```
/// where ε = 2.22e-16 is the machine epsilon of f64 (so ε^(1/4) ≈ 1.22e-4).
///
/// # Errors
/// None: an infinite x gives an infinite step and a NaN x the step for x = 0 (`f64::max`
/// ignores NaN); [`hessian`](crate::hessian) rejects such a point itself.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::optimal_hessian_step;
///
/// assert_relative_eq!(optimal_hessian_step(2.0), 2.0 * f64::EPSILON.powf(0.25));
/// assert!(optimal_hessian_step(f64::INFINITY).is_infinite());
/// ```
pub fn optimal_hessian_step(x: f64) -> f64 {
    f64::EPSILON.powf(0.25) * x.abs().max(1.0)
}
