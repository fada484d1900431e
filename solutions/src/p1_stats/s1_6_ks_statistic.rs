//! # 1.6 Central limit theorem — the Kolmogorov–Smirnov statistic
//!
//! Sort, then look at both sides of every step of the empirical cdf:
//!
//! ```text
//! D = maxᵢ max( i/n − F(x₍ᵢ₎),  F(x₍ᵢ₎) − (i − 1)/n )
//! ```

use mathlings_stats::StatsError;

/// Returns the KS distance D between the empirical cdf of `sample` and `cdf`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `sample` is empty;
/// - `StatsError::NonFinite` when a value of `sample` is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "cdf", .. }` (reason of your choice) when `cdf`
///   returns a value outside [0, 1] or NaN at one of the sample's values.
pub fn ks_statistic(sample: &[f64], cdf: fn(f64) -> f64) -> Result<f64, StatsError> {
    if sample.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if sample.iter().any(|x| !x.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    let mut sorted = sample.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let mut d: f64 = 0.0;
    for (i, &x) in sorted.iter().enumerate() {
        let f = cdf(x);
        // `contains` is false for NaN too.
        if !(0.0..=1.0).contains(&f) {
            return Err(StatsError::InvalidParameter {
                name: "cdf",
                reason: "must return values in [0, 1]",
            });
        }
        let above = (i + 1) as f64 / n - f; // the staircase just after x₍ᵢ₎
        let below = f - i as f64 / n; // the staircase just before x₍ᵢ₎
        d = d.max(above).max(below);
    }
    Ok(d)
}
