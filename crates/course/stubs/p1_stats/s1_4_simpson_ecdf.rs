//! # 1.4 Random variables — integrating a density (Simpson's rule) and the empirical cdf
//!
//! For a continuous random variable, probabilities are areas under its density f:
//! P(a ≤ X ≤ b) = ∫ₐᵇ f(x) dx. Few densities have a closed-form integral (the normal's has
//! none), so we integrate numerically. Simpson's rule cuts [a, b] into an EVEN number n of
//! strips of width h and fits a parabola through each pair of strips. It is exact for
//! polynomials up to degree 3, and its error falls like h⁴: doubling n makes it ~16× smaller.
//!
//! ```text
//! h = (b − a)/n,  xᵢ = a + i·h
//! ∫ₐᵇ f ≈ (h/3)·[f(x₀) + 4f(x₁) + 2f(x₂) + 4f(x₃) + … + 2f(xₙ₋₂) + 4f(xₙ₋₁) + f(xₙ)]
//! ```
//!
//! From data, the empirical cdf estimates P(X ≤ x) as the fraction of the sample at or
//! below x:
//!
//! ```text
//! Fₙ(x) = #{i : xᵢ ≤ x} / n
//! ```

use mathlings_stats::StatsError;

/// Returns Simpson's approximation of ∫ₐᵇ f(x) dx with `intervals` strips.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "intervals", .. }` when `intervals` is odd or 0;
/// - `StatsError::NonFinite` when a or b is NaN or ±∞, or f returns NaN or ±∞ at a node.
pub fn simpson(f: fn(f64) -> f64, a: f64, b: f64, intervals: usize) -> Result<f64, StatsError> {
    // TODO: check the input, then add f at the n + 1 nodes with weights 1, 4, 2, 4, …, 2, 4, 1 and multiply by h/3.
    todo!()
}

/// Returns the empirical cdf of `sample` at x: the fraction of values ≤ x.
///
/// # Errors
/// - `StatsError::EmptyInput` when `sample` is empty;
/// - `StatsError::NonFinite` when a value of the sample, or x, is NaN or ±∞.
pub fn empirical_cdf(sample: &[f64], x: f64) -> Result<f64, StatsError> {
    // TODO: check the input, count the values ≤ x and divide by n.
    todo!()
}
