//! Alternative: derivative steps by ε^(1/3)·(1 + |x|); the central width summed as (x + h − x) + (x − (x − h)).
//! # 3.1 Derivatives & gradients — finite differences
//!
//! Secant slopes. The central difference cancels the even-order error terms (O(h²) instead
//! of O(h)); the step of `derivative` balances truncation (h²·|f‴|/6) against round-off
//! (ε·|f|/h). Dividing by the distance between the two points *as floats represent them*
//! (instead of by h or 2h) removes the rounding of x ± h from the estimate.
//!
//! ```text
//! forward:  (f(x + h) − f(x)) / h        central:  (f(x + h) − f(x − h)) / (2h)
//! h_best = ε^(1/3) · max(1, |x|)
//! ```

use mathlings_calculus::CalculusError;

/// Estimates f′(x) by the forward difference (f(x + h) − f(x)) / h.
///
/// # Errors
/// - `CalculusError::InvalidParameter { name: "h", .. }` when h is not finite and > 0, or
///   so small that x + h == x, or so large that x + h overflows to ±∞;
/// - `CalculusError::NonFinite` when x, f(x) or f(x + h) is NaN or ±∞.
pub fn forward_difference(f: fn(f64) -> f64, x: f64, h: f64) -> Result<f64, CalculusError> {
    check(x, h)?;
    let step = (x + h) - x;
    if step <= 0.0 || !step.is_finite() {
        return Err(too_small());
    }
    let slope = (finite(f(x + h))? - finite(f(x))?) / step;
    finite(slope)
}

/// Estimates f′(x) by the central difference (f(x + h) − f(x − h)) / (2h).
///
/// # Errors
/// - `CalculusError::InvalidParameter { name: "h", .. }` when h is not finite and > 0, or
///   so small that x + h == x or x − h == x, or so large that x ± h overflows to ±∞;
/// - `CalculusError::NonFinite` when x, f(x + h) or f(x − h) is NaN or ±∞.
pub fn central_difference(f: fn(f64) -> f64, x: f64, h: f64) -> Result<f64, CalculusError> {
    check(x, h)?;
    let (plus, minus) = (x + h, x - h);
    if !(plus.is_finite() && minus.is_finite()) || plus == x || minus == x {
        return Err(too_small());
    }
    // Two one-sided slopes averaged, each over the distance as floats represent it.
    let (f_plus, f_x_minus) = (finite(f(plus))?, finite(f(minus))?);
    let slope = (f_plus - f_x_minus) / (plus - x + (x - minus));
    finite(slope)
}

/// Estimates f′(x) as accurately as finite differences allow: a central difference with a
/// step *you* choose from x (not too large: truncation; not too small: round-off).
///
/// # Errors
/// - `CalculusError::NonFinite` when x or a value of f is NaN or ±∞.
pub fn derivative(f: fn(f64) -> f64, x: f64) -> Result<f64, CalculusError> {
    // 1 + |x| instead of max(1, |x|): the same scale within a factor 2.
    let h = f64::EPSILON.cbrt() * (1.0 + x.abs());
    central_difference(f, x, h)
}

fn check(x: f64, h: f64) -> Result<(), CalculusError> {
    finite(x)?;
    if !(h.is_finite() && h > 0.0) {
        return Err(CalculusError::InvalidParameter {
            name: "h",
            reason: "must be finite and > 0",
        });
    }
    Ok(())
}

fn too_small() -> CalculusError {
    CalculusError::InvalidParameter {
        name: "h",
        reason: "x ± h rounds to x: h is below the spacing of floats at x",
    }
}

fn finite(v: f64) -> Result<f64, CalculusError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(CalculusError::NonFinite)
    }
}
