//! Alternative: ln C(n, k) as a sum of ln((n − m + i)/i), one logarithm of a ratio per term, instead of differences ln(n − m + i) − ln i.
//!
//! # 1.5 Distributions — the binomial pmf, computed in log space
//!
//! Every factor becomes a logarithm, so nothing overflows; ln(1 − p) is `ln_1p(−p)`, exact
//! even for tiny p.
//!
//! ```text
//! ln C(n, k) = Σᵢ₌₁ᵐ ln((n − m + i)/i),   m = min(k, n − k)
//! P(X = k) = exp( ln C(n, k) + k·ln p + (n − k)·ln(1 − p) )
//! ```

use mathlings_stats::StatsError;

/// ln C(n, k) as a sum of m = min(k, n − k) logarithms of ratios, ln((n − m + i)/i): one
/// logarithm per term instead of a difference of two.
fn ln_choose(k: u64, n: u64) -> f64 {
    let m = k.min(n - k);
    (1..=m).map(|i| ((n - m + i) as f64 / i as f64).ln()).sum()
}

/// Returns P(X = k) for X ~ Binomial(n, p); 0 when k > n.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "p", .. }` (reason of your choice) when p is NaN or
///   outside [0, 1].
pub fn binomial_pmf(k: u64, n: u64, p: f64) -> Result<f64, StatsError> {
    if !(0.0..=1.0).contains(&p) {
        return Err(StatsError::InvalidParameter {
            name: "p",
            reason: "must lie in [0, 1]",
        });
    }
    if k > n {
        return Ok(0.0);
    }
    // Certain outcomes: the general formula would compute 0 · ln 0 = NaN.
    if p == 0.0 {
        return Ok(if k == 0 { 1.0 } else { 0.0 });
    }
    if p == 1.0 {
        return Ok(if k == n { 1.0 } else { 0.0 });
    }
    let (kf, nf) = (k as f64, n as f64);
    let ln_pmf = ln_choose(k, n) + kf * p.ln() + (nf - kf) * (-p).ln_1p();
    Ok(ln_pmf.exp())
}
