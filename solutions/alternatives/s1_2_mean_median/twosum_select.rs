//! Alternative: the mean with Knuth's branch-free TwoSum (instead of Neumaier's comparison), the median by selection (`select_nth_unstable_by`, O(n)) instead of a full sort.

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

/// Returns the arithmetic mean of `x`, summed with compensated summation.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn mean(x: &[f64]) -> Result<f64, StatsError> {
    check(x)?;
    let mut sum = 0.0;
    let mut compensation = 0.0;
    for &v in x {
        // TwoSum: t + e = sum + v exactly, whichever operand is larger.
        let t = sum + v;
        let v_part = t - sum;
        let sum_part = t - v_part;
        compensation += (sum - sum_part) + (v - v_part);
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
    let mut values = x.to_vec();
    let n = values.len();
    let (below, upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        return Ok(upper);
    }
    // The lower middle value is the largest of the values placed before the upper one.
    let lower = below.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Ok(lower / 2.0 + upper / 2.0)
}
