//! # 1.8 Bayes' theorem — the Beta–Binomial conjugate update
//!
//! Updating a Beta prior is counting; an equal-tailed credible interval is two quantiles,
//! each found by bisection on the Beta cdf (the regularized incomplete beta function).
//!
//! ```text
//! Beta(α, β)  →  Beta(α + successes, β + failures),   E[θ] = α / (α + β)
//! interval = [ F⁻¹((1 − L)/2),  F⁻¹((1 + L)/2) ]
//! ```

use mathlings_stats::{StatsError, regularized_incomplete_beta};

/// Bisection stops when the bracket is this narrow: far below any difference that matters
/// for a probability, and reached in ~40 halvings.
const BRACKET_WIDTH: f64 = 1e-13;

/// `Err(InvalidParameter)` unless `value` is finite and > 0.
fn positive(value: f64, name: &'static str) -> Result<f64, StatsError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(StatsError::InvalidParameter {
            name,
            reason: "must be finite and > 0",
        })
    }
}

/// Returns the posterior parameters `(α', β')` after observing `successes` and `failures`
/// under a Beta(`alpha`, `beta`) prior.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "alpha", .. }` (then `"beta"`) when a parameter is
///   NaN, infinite or ≤ 0.
pub fn beta_binomial_update(
    alpha: f64,
    beta: f64,
    successes: u64,
    failures: u64,
) -> Result<(f64, f64), StatsError> {
    let alpha = positive(alpha, "alpha")?;
    let beta = positive(beta, "beta")?;
    Ok((alpha + successes as f64, beta + failures as f64))
}

/// Returns the mean α / (α + β) of Beta(`alpha`, `beta`).
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "alpha", .. }` (then `"beta"`) when a parameter is
///   NaN, infinite or ≤ 0.
pub fn posterior_mean(alpha: f64, beta: f64) -> Result<f64, StatsError> {
    let alpha = positive(alpha, "alpha")?;
    let beta = positive(beta, "beta")?;
    Ok(alpha / (alpha + beta))
}

/// The p-quantile of Beta(a, b): the x in [0, 1] with F(x) = p, by bisection.
fn beta_quantile(p: f64, a: f64, b: f64) -> Result<f64, StatsError> {
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    while hi - lo > BRACKET_WIDTH {
        let mid = 0.5 * (lo + hi);
        if regularized_incomplete_beta(mid, a, b)? < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}

/// Returns the equal-tailed credible interval `(lower, upper)` of Beta(`alpha`, `beta`) at
/// `level`: the (1 − level)/2 and (1 + level)/2 quantiles.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "alpha", .. }` (then `"beta"`) when a parameter is
///   NaN, infinite or ≤ 0;
/// - `StatsError::InvalidParameter { name: "level", .. }` unless 0 < `level` < 1.
pub fn credible_interval(alpha: f64, beta: f64, level: f64) -> Result<(f64, f64), StatsError> {
    let alpha = positive(alpha, "alpha")?;
    let beta = positive(beta, "beta")?;
    if !(level > 0.0 && level < 1.0) {
        return Err(StatsError::InvalidParameter {
            name: "level",
            reason: "must lie strictly between 0 and 1",
        });
    }
    let tail = (1.0 - level) / 2.0;
    Ok((
        beta_quantile(tail, alpha, beta)?,
        beta_quantile(1.0 - tail, alpha, beta)?,
    ))
}
