//! The logistic sigmoid, evaluated without overflow.

/// The logistic function σ(z) = 1 / (1 + e⁻ᶻ), stable for any z.
///
/// For z ≥ 0 the textbook form is used; for z < 0 the algebraically equal form
/// eᶻ / (1 + eᶻ), so that e^|z| is never computed and nothing overflows: σ(−1000) is
/// 0 (not NaN) and σ(1000) is 1.
///
/// # Formula
/// ```text
/// σ(z) = 1 / (1 + e⁻ᶻ)   for z ≥ 0
/// σ(z) = eᶻ / (1 + eᶻ)   for z < 0
/// ```
/// where both lines are the same function; σ(−z) = 1 − σ(z).
///
/// # Errors
/// None: σ is defined on all of ℝ. A NaN input gives NaN (there is no value to return).
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_models::sigmoid;
///
/// assert_relative_eq!(sigmoid(0.0), 0.5);
/// assert_relative_eq!(sigmoid(2.0) + sigmoid(-2.0), 1.0, epsilon = 1e-15);
/// assert_eq!(sigmoid(1000.0), 1.0);
/// assert_eq!(sigmoid(-1000.0), 0.0);
/// assert!(sigmoid(f64::NAN).is_nan());
/// ```
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// ln(1 + eᶻ) (the "softplus"), without overflow for large z or loss for very negative z.
///
/// ```text
/// ln(1 + eᶻ) = max(z, 0) + ln(1 + e^−|z|)
/// ```
pub(crate) fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}
