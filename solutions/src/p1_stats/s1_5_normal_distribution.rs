//! # 1.5 Distributions — the normal distribution (pdf, cdf and your own erf)
//!
//! erf from its everywhere-positive series (no cancellation, converges for every x):
//!
//! ```text
//! erf(x) = (2/√π) e^(−x²) Σₙ₌₀^∞ 2ⁿ x^(2n+1) / (1·3·5···(2n+1))
//! pdf(x) = exp(−z²/2) / (σ √(2π)),   cdf(x) = ½ (1 + erf(z/√2)),   z = (x − μ)/σ
//! ```

use std::f64::consts::{FRAC_1_SQRT_2, FRAC_2_SQRT_PI, PI};

use mathlings_stats::StatsError;

/// Beyond this |x|, 1 − |erf(x)| < 1e-17: erf(x) rounds to ±1.
const ERF_SATURATES: f64 = 6.0;

/// The error function erf(x), odd, increasing, with values in (−1, 1).
///
/// # Errors
/// None: erf(±∞) = ±1 and erf(NaN) is NaN.
pub fn erf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x.abs() >= ERF_SATURATES {
        return x.signum();
    }
    // term₀ = x, termₙ = termₙ₋₁ · 2x² / (2n + 1); stop when a term no longer changes the sum.
    let mut term = x;
    let mut sum = x;
    let mut n = 0.0;
    while term.abs() > f64::EPSILON * sum.abs() {
        n += 1.0;
        term *= 2.0 * x * x / (2.0 * n + 1.0);
        sum += term;
    }
    (FRAC_2_SQRT_PI * (-x * x).exp() * sum).clamp(-1.0, 1.0)
}

fn check(x: f64, mu: f64, sigma: f64) -> Result<(), StatsError> {
    if !x.is_finite() || !mu.is_finite() {
        return Err(StatsError::NonFinite);
    }
    if !(sigma.is_finite() && sigma > 0.0) {
        return Err(StatsError::InvalidParameter {
            name: "sigma",
            reason: "must be finite and > 0",
        });
    }
    Ok(())
}

/// The density of N(μ, σ²) at `x`.
///
/// # Errors
/// - `StatsError::NonFinite` when `x` or `mu` is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "sigma", .. }` (reason of your choice) unless σ is
///   finite and > 0.
pub fn normal_pdf(x: f64, mu: f64, sigma: f64) -> Result<f64, StatsError> {
    check(x, mu, sigma)?;
    let z = (x - mu) / sigma;
    Ok((-0.5 * z * z).exp() / (sigma * (2.0 * PI).sqrt()))
}

/// The cumulative distribution function Φ of N(μ, σ²) at `x`: P(X ≤ x).
///
/// # Errors
/// The same as [`normal_pdf`].
pub fn normal_cdf(x: f64, mu: f64, sigma: f64) -> Result<f64, StatsError> {
    check(x, mu, sigma)?;
    let z = (x - mu) / sigma;
    Ok(0.5 * (1.0 + erf(z * FRAC_1_SQRT_2)))
}
