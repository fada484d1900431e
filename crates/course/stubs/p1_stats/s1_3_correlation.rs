//! # 1.3 Variance & covariance — covariance and Pearson correlation
//!
//! The covariance of paired samples x and y says whether they move together: positive when
//! large xᵢ come with large yᵢ, negative when they come with small yᵢ. Its size depends on the
//! units, so we also compute the Pearson correlation r: the covariance divided by both
//! standard deviations, a unit-free number in [−1, 1] (±1 exactly when y is a straight line in
//! x). Like the sample variance, the sample covariance divides by n − 1.
//!
//! ```text
//! cov(x, y) = Σᵢ (xᵢ − x̄)(yᵢ − ȳ) / (n − 1)
//! r(x, y)   = Σᵢ (xᵢ − x̄)(yᵢ − ȳ) / √( Σᵢ (xᵢ − x̄)² · Σᵢ (yᵢ − ȳ)² )
//! ```
//!
//! The checks add 1e9 to every value: the shortcut (Σxᵢyᵢ − n·x̄·ȳ)/(n − 1), i.e.
//! E[XY] − E[X]E[Y], subtracts two numbers near 1e18 and loses every digit. Centre first.
//!
//! Bad input gives a typed error: empty samples, NaN or ±∞, samples of different lengths, a
//! single pair, and (for the correlation only) a constant sample, whose correlation is 0/0.

use mathlings_stats::StatsError;

/// Returns the sample covariance of the paired samples `x` and `y` (denominator n − 1).
///
/// # Errors
/// - `StatsError::EmptyInput` when a sample is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left: x.len(), right: y.len() }` when the lengths differ;
/// - `StatsError::TooFewValues { needed: 2, got: 1 }` for a single pair.
pub fn covariance(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    // TODO: check the input, compute both means, then sum (xᵢ − x̄)(yᵢ − ȳ) and divide by n − 1.
    todo!()
}

/// Returns the Pearson correlation coefficient r of the paired samples `x` and `y`, in [−1, 1].
///
/// # Errors
/// The same as [`covariance`], plus `StatsError::Undefined(_)` (with a short reason of your
/// choice) when `x` or `y` is constant: its spread is 0 and r would be 0/0.
pub fn pearson_correlation(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    // TODO: check the input, sum the centred cross products and both centred sums of squares,
    // reject a zero spread, and divide.
    todo!()
}
