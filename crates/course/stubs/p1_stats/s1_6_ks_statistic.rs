//! # 1.6 Central limit theorem — the Kolmogorov–Smirnov statistic
//!
//! How far is a sample from a distribution? The Kolmogorov–Smirnov (KS) statistic compares the
//! sample's empirical cdf Fₙ (the fraction of values ≤ x, a staircase rising by 1/n at every
//! sorted value) with the distribution's cdf F, and returns the largest vertical gap:
//! D = sup over x of |Fₙ(x) − F(x)|, a number in [0, 1] that shrinks like 1/√n when the sample
//! really comes from F.
//!
//! The supremum is reached at a step of the staircase — but a step has two sides: just
//! before the i-th sorted value x₍ᵢ₎ the staircase is at (i − 1)/n, at it at i/n. Check both:
//!
//! ```text
//! sort the sample: x₍₁₎ ≤ x₍₂₎ ≤ … ≤ x₍ₙ₎
//! D⁺ = maxᵢ ( i/n − F(x₍ᵢ₎) )          (staircase above F)
//! D⁻ = maxᵢ ( F(x₍ᵢ₎) − (i − 1)/n )    (F above the staircase)
//! D  = max(D⁺, D⁻)
//! ```
//!
//! Bad input gives a typed error: an empty sample, NaN or ±∞ in it, and a `cdf` that returns a
//! value outside [0, 1] (or NaN) — that is not a cdf.

use mathlings_stats::StatsError;

/// Returns the KS distance D between the empirical cdf of `sample` and `cdf`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `sample` is empty;
/// - `StatsError::NonFinite` when a value of `sample` is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "cdf", .. }` (reason of your choice) when `cdf`
///   returns a value outside [0, 1] or NaN at one of the sample's values.
pub fn ks_statistic(sample: &[f64], cdf: fn(f64) -> f64) -> Result<f64, StatsError> {
    // TODO: validate, sort a copy, and take the largest of i/n − F(x₍ᵢ₎) and F(x₍ᵢ₎) − (i − 1)/n.
    todo!()
}
