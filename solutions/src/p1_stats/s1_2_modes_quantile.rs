//! # 1.2 Descriptive statistics — modes and quantiles
//!
//! Modes from the runs of equal values in the sorted sample; quantiles by linear
//! interpolation between order statistics (R type 7).
//!
//! ```text
//! h = (n − 1)·q,  j = ⌊h⌋,  Q(q) = s[j] + (h − j)·(s[j + 1] − s[j])
//! ```

use mathlings_stats::StatsError;

fn sorted(x: &[f64]) -> Result<Vec<f64>, StatsError> {
    if x.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    Ok(s)
}

/// Returns every most frequent value of `x`, in ascending order, each once. Values are
/// compared exactly (`==`).
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn modes(x: &[f64]) -> Result<Vec<f64>, StatsError> {
    let s = sorted(x)?;
    let mut best = 0;
    let mut result = Vec::new();
    let mut start = 0;
    while start < s.len() {
        // s[start..end] is a run of equal values.
        let mut end = start + 1;
        while end < s.len() && s[end] == s[start] {
            end += 1;
        }
        let count = end - start;
        if count > best {
            best = count;
            result.clear();
        }
        if count == best {
            result.push(s[start]);
        }
        start = end;
    }
    Ok(result)
}

/// Returns the q-quantile of `x` by linear interpolation between the sorted values (R type 7).
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "q", .. }` when q is not in [0, 1] (or is NaN).
pub fn quantile(x: &[f64], q: f64) -> Result<f64, StatsError> {
    let s = sorted(x)?;
    if !(0.0..=1.0).contains(&q) {
        return Err(StatsError::InvalidParameter {
            name: "q",
            reason: "must lie in [0, 1]",
        });
    }
    let h = (s.len() - 1) as f64 * q;
    let j = h.floor() as usize;
    if j + 1 >= s.len() {
        return Ok(s[s.len() - 1]);
    }
    Ok(s[j] + (h - j as f64) * (s[j + 1] - s[j]))
}
