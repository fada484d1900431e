//! # 1.3 Variance & covariance — covariance and Pearson correlation
//!
//! Two passes: first the means, then sums of products of *deviations*. Every term is then of
//! the size of the spread, not of the values, so an offset of 1e9 costs no digits.
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

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// Σ(xᵢ − x̄)(yᵢ − ȳ): the centred cross sum.
fn centred_cross_sum(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum()
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
