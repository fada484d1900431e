//! # 1.5 Distributions — the normal distribution (pdf, cdf and your own erf)
//!
//! The normal distribution N(μ, σ²) is the bell curve with mean μ and standard deviation σ > 0.
//! Its density has a closed form, but its cdf Φ (the probability of a value ≤ x) is an integral
//! with no elementary formula: it is written with the error function erf, which you implement
//! yourself.
//!
//! ```text
//! pdf(x) = exp(−(x − μ)² / (2σ²)) / (σ √(2π))
//! cdf(x) = ½ (1 + erf((x − μ) / (σ √2)))
//! erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt = (2/√π) Σₙ₌₀^∞ (−1)ⁿ x^(2n+1) / (n! (2n + 1))
//! ```
//!
//! Any erf with an absolute error below 1e-7 is good enough here: the checks accept 2e-7, so the
//! classic rational approximation of Abramowitz & Stegun (formula 7.1.26, error ≤ 1.5e-7) passes,
//! and so does the Taylor series above — but only with enough terms (they alternate and grow
//! before they shrink: for |x| ≥ 3 prefer erf(x) ≈ ±1, or the everywhere-positive series
//! erf(x) = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·5···(2n+1))).
//!
//! Bad input gives a typed error: σ must be finite and > 0, x and μ must be finite.

use mathlings_stats::StatsError;

/// The error function erf(x), odd, increasing, with values in (−1, 1).
///
/// # Errors
/// None: erf(±∞) = ±1 and erf(NaN) is NaN.
pub fn erf(x: f64) -> f64 {
    // TODO: sum a series (or use a published approximation) accurate to 1e-7.
    todo!()
}

/// The density of N(μ, σ²) at `x`.
///
/// # Errors
/// - `StatsError::NonFinite` when `x` or `mu` is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "sigma", .. }` (reason of your choice) unless σ is
///   finite and > 0.
pub fn normal_pdf(x: f64, mu: f64, sigma: f64) -> Result<f64, StatsError> {
    // TODO: validate, standardise z = (x − μ)/σ, and return exp(−z²/2) / (σ √(2π)).
    todo!()
}

/// The cumulative distribution function Φ of N(μ, σ²) at `x`: P(X ≤ x).
///
/// # Errors
/// The same as [`normal_pdf`].
pub fn normal_cdf(x: f64, mu: f64, sigma: f64) -> Result<f64, StatsError> {
    // TODO: validate, then return ½ (1 + erf((x − μ) / (σ √2))).
    todo!()
}
