//! # 1.2 Descriptive statistics — modes and quantiles
//!
//! A mode is a most frequent value. A sample can have several (in [1, 1, 2, 2, 3] both 1
//! and 2 occur twice), and a summary that reports only one of them hides the others; when
//! every value occurs once, every value is a mode.
//!
//! The q-quantile is the value below which a fraction q of the sample lies: q = 0.5 is
//! the median, q = 0.25 and 0.75 are the quartiles. Between two sorted values we
//! interpolate linearly (the rule of R's default "type 7" and NumPy's default):
//!
//! ```text
//! modes = { v : count(v) = max over u of count(u) },  listed in ascending order
//!
//! s = the values sorted ascending (0-based),  h = (n − 1)·q,  j = ⌊h⌋
//! Q(q) = s[j] + (h − j)·(s[j + 1] − s[j])          (Q(q) = s[n − 1] when j = n − 1)
//! ```
//!
//! So Q(0) is the minimum, Q(1) the maximum and Q(0.5) the median.

use mathlings_stats::StatsError;

/// Returns every most frequent value of `x`, in ascending order, each once. Values are
/// compared exactly (`==`).
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn modes(x: &[f64]) -> Result<Vec<f64>, StatsError> {
    // TODO: sort a copy, walk the runs of equal values, and keep every value whose run is longest.
    todo!()
}

/// Returns the q-quantile of `x` by linear interpolation between the sorted values (R type 7).
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::InvalidParameter { name: "q", .. }` when q is not in [0, 1] (or is NaN).
pub fn quantile(x: &[f64], q: f64) -> Result<f64, StatsError> {
    // TODO: check the input, sort a copy, compute h = (n − 1)·q and interpolate between s[⌊h⌋] and s[⌊h⌋ + 1].
    todo!()
}
