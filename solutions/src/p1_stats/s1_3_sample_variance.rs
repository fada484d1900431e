//! # 1.3 Variance & covariance — the sample variance
//!
//! Welford's one-pass update: every step adds a product of two deviations from running
//! means, so no large numbers are ever subtracted from each other.
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
    if xs.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if xs.len() < 2 {
        return Err(StatsError::TooFewValues {
            needed: 2,
            got: xs.len(),
        });
    }
    if xs.iter().any(|x| !x.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    let mut mean = 0.0;
    let mut sum_of_squares = 0.0;
    for (k, &x) in xs.iter().enumerate() {
        let delta = x - mean;
        mean += delta / (k + 1) as f64;
        sum_of_squares += delta * (x - mean);
    }
    Ok(sum_of_squares / (xs.len() - 1) as f64)
}
