//! Alternative: the centred cross sums in one pass with Welford's running means (co-moment updates) instead of two passes (means first, then products of deviations).
//!
//! # 1.3 Variance & covariance — covariance and Pearson correlation
//!
//! One pass: Welford's running means and co-moments. Every term is a product of deviations
//! from the running means, of the size of the spread, so an offset of 1e9 costs no digits.
//!
//! ```text
//! cov(x, y) = Σᵢ (xᵢ − x̄)(yᵢ − ȳ) / (n − 1)
//! r(x, y)   = Sxy / (√Sxx · √Syy)
//! ```

use mathlings_stats::StatsError;

/// Checks a pair of samples: non-empty, finite, equal lengths, at least two pairs.
fn check(x: &[f64], y: &[f64]) -> Result<(), StatsError> {
    if x.is_empty() || y.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch {
            left: x.len(),
            right: y.len(),
        });
    }
    if x.len() < 2 {
        return Err(StatsError::TooFewValues {
            needed: 2,
            got: x.len(),
        });
    }
    Ok(())
}

/// Σ(xᵢ − x̄)(yᵢ − ȳ) in one pass: Welford's running means, each point adding
/// (xᵢ − old x̄)·(yᵢ − new ȳ), the exact increase of the centred cross sum.
fn centred_cross_sum(x: &[f64], y: &[f64]) -> f64 {
    let (mut mx, mut my, mut sum) = (0.0, 0.0, 0.0);
    for (count, (a, b)) in x.iter().zip(y).enumerate() {
        let k = (count + 1) as f64;
        let dx = a - mx;
        mx += dx / k;
        my += (b - my) / k;
        sum += dx * (b - my);
    }
    sum
}

/// Returns the sample covariance of the paired samples `x` and `y` (denominator n − 1).
///
/// # Errors
/// - `StatsError::EmptyInput` when a sample is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left: x.len(), right: y.len() }` when the lengths differ;
/// - `StatsError::TooFewValues { needed: 2, got: 1 }` for a single pair.
pub fn covariance(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    check(x, y)?;
    Ok(centred_cross_sum(x, y) / (x.len() - 1) as f64)
}

/// Returns the Pearson correlation coefficient r of the paired samples `x` and `y`, in [−1, 1].
///
/// # Errors
/// The same as [`covariance`], plus `StatsError::Undefined(_)` (with a short reason of your
/// choice) when `x` or `y` is constant: its spread is 0 and r would be 0/0.
pub fn pearson_correlation(x: &[f64], y: &[f64]) -> Result<f64, StatsError> {
    check(x, y)?;
    let sxx = centred_cross_sum(x, x);
    let syy = centred_cross_sum(y, y);
    if sxx == 0.0 || syy == 0.0 {
        return Err(StatsError::Undefined("correlation of a constant sample"));
    }
    let sxy = centred_cross_sum(x, y);
    // √sxx·√syy rather than √(sxx·syy), which could overflow; clamp away rounding beyond ±1.
    Ok((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}
