//! §1.2 Descriptive statistics: where a sample is centred (mean, median, modes, quantiles).

use crate::StatsError;
use crate::summation::neumaier_sum;
use crate::validate;

/// Arithmetic mean of a sample, summed with compensated (Neumaier) summation.
///
/// # Formula
/// ```text
/// x̄ = (x₁ + x₂ + … + xₙ) / n
/// ```
/// where n is the number of values. The sum carries a running correction term, so the
/// result is within about one ulp of the exact mean even for long samples with a large offset.
///
/// # Errors
/// [`StatsError::EmptyInput`] for an empty slice, [`StatsError::NonFinite`] if any value is NaN or ±∞.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{mean, StatsError};
/// assert_relative_eq!(mean(&[1.0, 2.0, 3.0, 4.0]).unwrap(), 2.5);
/// assert_eq!(mean(&[]), Err(StatsError::EmptyInput));
/// ```
pub fn mean(x: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    let n = x.len() as f64;
    let total = neumaier_sum(x.iter().copied());
    if total.is_finite() {
        Ok(total / n)
    } else {
        // The sum overflowed although every value is finite: divide first, then add.
        Ok(neumaier_sum(x.iter().map(|v| v / n)))
    }
}

/// Returns a sorted copy of a sample (NaN already excluded by the caller).
pub(crate) fn sorted(x: &[f64]) -> Vec<f64> {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// Midpoint of two numbers without overflow.
fn midpoint(a: f64, b: f64) -> f64 {
    let s = a + b;
    if s.is_finite() {
        s / 2.0
    } else {
        a / 2.0 + b / 2.0
    }
}

/// Median: the middle value of the sorted sample, or the average of the two middle values.
///
/// # Formula
/// ```text
/// median = x₍₍ₙ₊₁₎/₂₎                 (n odd)
/// median = (x₍ₙ/₂₎ + x₍ₙ/₂₊₁₎) / 2      (n even)
/// ```
/// where x₍₁₎ ≤ x₍₂₎ ≤ … ≤ x₍ₙ₎ is the sample sorted ascending.
///
/// # Errors
/// [`StatsError::EmptyInput`] for an empty slice, [`StatsError::NonFinite`] for NaN or ±∞.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{median, StatsError};
/// assert_relative_eq!(median(&[3.0, 1.0, 2.0]).unwrap(), 2.0);
/// assert_relative_eq!(median(&[4.0, 1.0, 3.0, 2.0]).unwrap(), 2.5);
/// assert_eq!(median(&[f64::NAN]), Err(StatsError::NonFinite));
/// ```
pub fn median(x: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    let s = sorted(x);
    let n = s.len();
    if n % 2 == 1 {
        Ok(s[n / 2])
    } else {
        Ok(midpoint(s[n / 2 - 1], s[n / 2]))
    }
}

/// All most-frequent values of a sample, in ascending order.
///
/// Values are compared exactly (`==`, so `-0.0` and `0.0` count as the same value). When every
/// value occurs once, every value is a mode.
///
/// # Formula
/// ```text
/// modes = { v : count(v) = max_u count(u) }
/// ```
/// where count(v) is the number of i with xᵢ = v.
///
/// # Errors
/// [`StatsError::EmptyInput`] for an empty slice, [`StatsError::NonFinite`] for NaN or ±∞.
///
/// # Examples
/// ```
/// use mathlings_stats::{modes, StatsError};
/// assert_eq!(modes(&[2.0, 1.0, 2.0, 3.0, 1.0]).unwrap(), vec![1.0, 2.0]);
/// assert_eq!(modes(&[]), Err(StatsError::EmptyInput));
/// ```
pub fn modes(x: &[f64]) -> Result<Vec<f64>, StatsError> {
    validate::finite_sample(x)?;
    let s = sorted(x);
    // Walk runs of equal values in the sorted sample, remembering the longest runs.
    let mut best_count = 0;
    let mut result = Vec::new();
    let mut start = 0;
    while start < s.len() {
        let mut end = start + 1;
        while end < s.len() && s[end] == s[start] {
            end += 1;
        }
        let count = end - start;
        if count > best_count {
            best_count = count;
            result.clear();
        }
        if count == best_count {
            result.push(s[start]);
        }
        start = end;
    }
    Ok(result)
}

/// The q-quantile by linear interpolation between order statistics (R type 7, NumPy's default).
///
/// # Formula
/// ```text
/// h = (n − 1)·q,   j = ⌊h⌋
/// Q(q) = x₍ⱼ₊₁₎ + (h − j)·(x₍ⱼ₊₂₎ − x₍ⱼ₊₁₎)
/// ```
/// where x₍₁₎ ≤ … ≤ x₍ₙ₎ is the sorted sample (1-based), so Q(0) = min, Q(½) = median, Q(1) = max.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`] for NaN/±∞ in the sample, and
/// [`StatsError::InvalidParameter`] if `q` is not in [0, 1].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{quantile, StatsError};
/// assert_relative_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.25).unwrap(), 1.75);
/// assert!(matches!(quantile(&[1.0], 1.5), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn quantile(x: &[f64], q: f64) -> Result<f64, StatsError> {
    validate::finite_sample(x)?;
    validate::unit_interval(q, "q")?;
    Ok(quantile_of_sorted(&sorted(x), q))
}

/// Type-7 quantile of an already sorted, non-empty, finite sample with q ∈ [0, 1].
pub(crate) fn quantile_of_sorted(s: &[f64], q: f64) -> f64 {
    let h = (s.len() - 1) as f64 * q;
    let j = h.floor() as usize;
    if j + 1 >= s.len() {
        return s[s.len() - 1];
    }
    let fraction = h - j as f64;
    let (lo, hi) = (s[j], s[j + 1]);
    let value = lo + fraction * (hi - lo);
    if value.is_finite() {
        value
    } else {
        // hi − lo overflowed: interpolate with weights instead.
        (1.0 - fraction) * lo + fraction * hi
    }
}

/// Expected value of a discrete distribution given as values and their probabilities.
///
/// # Formula
/// ```text
/// E[X] = Σ xᵢ·pᵢ
/// ```
/// where pᵢ = P(X = xᵢ), every pᵢ ≥ 0 and Σ pᵢ = 1.
///
/// # Errors
/// [`StatsError::EmptyInput`], [`StatsError::NonFinite`], [`StatsError::LengthMismatch`] if the
/// slices differ in length, [`StatsError::InvalidProbabilities`] if a probability is negative or
/// they do not sum to 1 within 1e-9.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{expected_value, StatsError};
/// // A fair die.
/// let faces = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/// assert_relative_eq!(expected_value(&faces, &[1.0 / 6.0; 6]).unwrap(), 3.5, epsilon = 1e-15);
/// assert_eq!(expected_value(&[1.0, 2.0], &[0.5, 0.6]), Err(StatsError::InvalidProbabilities));
/// ```
pub fn expected_value(values: &[f64], probabilities: &[f64]) -> Result<f64, StatsError> {
    validate::finite_sample(values)?;
    validate::same_length(values.len(), probabilities.len())?;
    validate::distribution(probabilities)?;
    Ok(neumaier_sum(
        values.iter().zip(probabilities).map(|(x, p)| x * p),
    ))
}
