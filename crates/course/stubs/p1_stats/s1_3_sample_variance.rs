//! # 1.3 Variance & covariance — the sample variance
//!
//! The variance measures how far values spread around their mean. From a *sample* of a
//! population we estimate it with Bessel's correction:
//!
//! ```text
//! s² = Σᵢ (xᵢ − x̄)² / (n − 1),   where x̄ = (1/n) Σᵢ xᵢ
//! ```
//!
//! The checks feed your function values near 1e9: the "textbook" shortcut
//! (Σxᵢ² − n·x̄²)/(n − 1) loses every digit there. Centre the values first (two passes) or
//! use Welford's one-pass update:
//!
//! ```text
//! mₖ = mₖ₋₁ + (xₖ − mₖ₋₁)/k,   Sₖ = Sₖ₋₁ + (xₖ − mₖ₋₁)(xₖ − mₖ),   s² = Sₙ/(n − 1)
//! ```

use mathlings_stats::StatsError;

/// Returns the sample variance s² of `xs`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `xs` is empty;
/// - `StatsError::TooFewValues { needed: 2, got: 1 }` when it has a single value;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn sample_variance(xs: &[f64]) -> Result<f64, StatsError> {
    // TODO: check the input, then sum the squared deviations from the mean and divide by n − 1.
    todo!()
}
