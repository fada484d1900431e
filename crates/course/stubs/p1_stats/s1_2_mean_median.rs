//! # 1.2 Descriptive statistics — mean and median
//!
//! The mean and the median both say where a sample is centred. The mean uses every value
//! (so one wild outlier drags it away); the median is the middle of the sorted values (so it
//! barely moves). For an even number of values the median is the average of the two middle
//! ones.
//!
//! ```text
//! mean   = (x₁ + x₂ + … + xₙ) / n
//! median = s[(n − 1)/2]                       (n odd,  s = the values sorted ascending, 0-based)
//! median = (s[n/2 − 1] + s[n/2]) / 2          (n even)
//! ```
//!
//! Adding floats one by one loses the low bits of every small term added to a large running
//! sum: 1e16 + 1.0 is 1e16 in f64. Neumaier's compensated summation keeps those lost bits in a
//! second variable c and adds them back at the end (Kahan's simpler version fails when a
//! term is larger than the running sum):
//!
//! ```text
//! for each x:  t = s + x
//!              c += if |s| ≥ |x| { (s − t) + x } else { (x − t) + s }
//!              s = t
//! sum = s + c
//! ```

use mathlings_stats::StatsError;

/// Returns the arithmetic mean of `x`, summed with compensated (Neumaier) summation.
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn mean(x: &[f64]) -> Result<f64, StatsError> {
    // TODO: check the input, add the values with Neumaier's compensated summation, divide by n.
    todo!()
}

/// Returns the median of `x` (the mean of the two middle values when n is even).
///
/// # Errors
/// - `StatsError::EmptyInput` when `x` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞.
pub fn median(x: &[f64]) -> Result<f64, StatsError> {
    // TODO: check the input, sort a copy, and take the middle value (or average the two middle ones).
    todo!()
}
