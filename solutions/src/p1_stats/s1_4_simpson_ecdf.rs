//! # 1.4 Random variables — integrating a density (Simpson's rule) and the empirical cdf
//!
//! Composite Simpson with weights 1, 4, 2, 4, …, 4, 1; the empirical cdf counts the values
//! at or below x.
//!
//! ```text
//! ∫ₐᵇ f ≈ (h/3)·[f(x₀) + 4f(x₁) + 2f(x₂) + … + 4f(xₙ₋₁) + f(xₙ)],   Fₙ(x) = #{xᵢ ≤ x}/n
//! ```

use mathlings_stats::StatsError;

/// Returns Simpson's approximation of ∫ₐᵇ f(x) dx with `intervals` strips.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "intervals", .. }` when `intervals` is odd or 0;
/// - `StatsError::NonFinite` when a or b is NaN or ±∞, or f returns NaN or ±∞ at a node.
pub fn simpson(f: fn(f64) -> f64, a: f64, b: f64, intervals: usize) -> Result<f64, StatsError> {
    if !a.is_finite() || !b.is_finite() {
        return Err(StatsError::NonFinite);
    }
    if intervals == 0 || !intervals.is_multiple_of(2) {
        return Err(StatsError::InvalidParameter {
            name: "intervals",
            reason: "must be even and at least 2",
        });
    }
    let h = (b - a) / intervals as f64;
    let mut total = 0.0;
    for i in 0..=intervals {
        // The last node is b itself, not a + n·h (which may be off by a rounding).
        let x = if i == intervals { b } else { a + i as f64 * h };
        let y = f(x);
        if !y.is_finite() {
            return Err(StatsError::NonFinite);
        }
        let weight = if i == 0 || i == intervals {
            1.0
        } else if i % 2 == 1 {
            4.0
        } else {
            2.0
        };
        total += weight * y;
    }
    Ok(h / 3.0 * total)
}

/// Returns the empirical cdf of `sample` at x: the fraction of values ≤ x.
///
/// # Errors
/// - `StatsError::EmptyInput` when `sample` is empty;
/// - `StatsError::NonFinite` when a value of the sample, or x, is NaN or ±∞.
pub fn empirical_cdf(sample: &[f64], x: f64) -> Result<f64, StatsError> {
    if sample.is_empty() {
        return Err(StatsError::EmptyInput);
    }
    if !x.is_finite() || sample.iter().any(|v| !v.is_finite()) {
        return Err(StatsError::NonFinite);
    }
    let at_or_below = sample.iter().filter(|&&v| v <= x).count();
    Ok(at_or_below as f64 / sample.len() as f64)
}
