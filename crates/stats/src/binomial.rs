//! §1.5 The binomial distribution, computed in log space so that n = 1000+ never overflows.

use crate::StatsError;
use crate::special::ln_gamma;
use crate::validate;

/// Natural logarithm of the binomial probability P(X = k) for X ~ Binomial(n, p).
///
/// Works with ln Γ instead of factorials: 1000! overflows a double, ln Γ(1001) ≈ 5912 does not.
///
/// # Formula
/// ```text
/// ln P(X = k) = ln Γ(n + 1) − ln Γ(k + 1) − ln Γ(n − k + 1) + k ln p + (n − k) ln(1 − p)
/// ```
/// where n is the number of trials, p the success probability and 0 ≤ k ≤ n. For k > n the
/// probability is 0, so the result is −∞.
///
/// # Errors
/// [`StatsError::InvalidParameter`] if p is NaN or outside [0, 1].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{ln_binomial_pmf, StatsError};
/// assert_relative_eq!(ln_binomial_pmf(1, 2, 0.5).unwrap(), 0.5f64.ln(), max_relative = 1e-15);
/// assert!(matches!(ln_binomial_pmf(1, 2, 1.5), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn ln_binomial_pmf(k: u64, n: u64, p: f64) -> Result<f64, StatsError> {
    validate::unit_interval(p, "p")?;
    if k > n {
        return Ok(f64::NEG_INFINITY);
    }
    // The degenerate cases would otherwise produce 0 · ln 0 = NaN.
    if p == 0.0 {
        return Ok(if k == 0 { 0.0 } else { f64::NEG_INFINITY });
    }
    if p == 1.0 {
        return Ok(if k == n { 0.0 } else { f64::NEG_INFINITY });
    }
    let (kf, nf) = (k as f64, n as f64);
    let ln_choose = ln_gamma(nf + 1.0) - ln_gamma(kf + 1.0) - ln_gamma(nf - kf + 1.0);
    Ok(ln_choose + kf * p.ln() + (nf - kf) * (-p).ln_1p())
}

/// Binomial probability P(X = k) for X ~ Binomial(n, p), evaluated in log space.
///
/// # Formula
/// ```text
/// P(X = k) = C(n, k) pᵏ (1 − p)ⁿ⁻ᵏ = exp(ln P(X = k))
/// ```
/// where C(n, k) = n! / (k! (n − k)!) and ln P is [`ln_binomial_pmf`].
///
/// # Errors
/// [`StatsError::InvalidParameter`] if p is NaN or outside [0, 1].
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_stats::{binomial_pmf, StatsError};
/// assert_relative_eq!(binomial_pmf(2, 4, 0.5).unwrap(), 0.375, max_relative = 1e-14);
/// assert!(binomial_pmf(500, 1000, 0.5).unwrap() > 0.0); // no overflow
/// assert!(matches!(binomial_pmf(2, 4, f64::NAN), Err(StatsError::InvalidParameter { .. })));
/// ```
pub fn binomial_pmf(k: u64, n: u64, p: f64) -> Result<f64, StatsError> {
    Ok(ln_binomial_pmf(k, n, p)?.exp())
}
