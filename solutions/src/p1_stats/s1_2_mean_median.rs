//! # 1.2 Descriptive statistics — mean and median
//!
//! The mean with Neumaier's compensated summation; the median from a sorted copy.
//!
//! ```text
//! t = s + x;   c += if |s| ≥ |x| { (s − t) + x } else { (x − t) + s };   s = t
//! ```

use mathlings_stats::StatsError;

fn check(x: &[f64]) -> Result<(), StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    Ok(())
}

/// Returns the arithmetic mean of `x`, summed with compensated (Neumaier) summation.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn mean(x: &[f64]) -> Result<f64, StatsError> {
    check(x)?;
    let mut sum = 0.0;
    let mut compensation = 0.0;
    for &v in x {
        let t = sum + v;
        // Recover the low-order bits that the addition rounded away.
        if sum.abs() >= v.abs() {
            compensation += (sum - t) + v;
        } else {
            compensation += (v - t) + sum;
        }
        sum = t;
    }
    Ok((sum + compensation) / x.len() as f64)
}

/// Returns the median of `x` (the mean of the two middle values when n is even).
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn median(x: &[f64]) -> Result<f64, StatsError> {
    check(x)?;
    let mut sorted = x.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        Ok(sorted[n / 2])
    } else {
        // Halve before adding so that two huge values cannot overflow.
        Ok(sorted[n / 2 - 1] / 2.0 + sorted[n / 2] / 2.0)
    }
}
