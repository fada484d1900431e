//! # 1.5 Distributions — the binomial pmf, computed in log space
//!
//! Toss n independent coins that each land heads with probability p; the number of heads X
//! follows the binomial distribution Binomial(n, p), with
//!
//! ```text
//! P(X = k) = C(n, k) · pᵏ · (1 − p)ⁿ⁻ᵏ,     C(n, k) = n! / (k! (n − k)!),     0 ≤ k ≤ n
//! ```
//!
//! and P(X = k) = 0 for k > n. Evaluated as written it breaks down quickly: 171! is already
//! larger than the largest double (≈ 1.8e308), so n!/(k!(n − k)!) becomes ∞/∞ = NaN at
//! n = 200, and p¹⁰⁰⁰ underflows to 0. Work with logarithms instead — products become sums —
//! and exponentiate once at the end:
//!
//! ```text
//! ln C(n, k) = Σᵢ₌₁ᵐ [ln(n − m + i) − ln i],   m = min(k, n − k)
//! ln P(X = k) = ln C(n, k) + k·ln p + (n − k)·ln(1 − p)
//! ```
//!
//! Take care of p = 0 and p = 1, where 0·ln 0 would give NaN: then the outcome is certain
//! (k = 0, resp. k = n, with probability 1). A p outside [0, 1] (or NaN) is a typed error.

use mathlings_stats::StatsError;

/// Returns P(X = k) for X ~ Binomial(n, p); 0 when k > n.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "p", .. }` (reason of your choice) when p is NaN or
///   outside [0, 1].
pub fn binomial_pmf(k: u64, n: u64, p: f64) -> Result<f64, StatsError> {
    // TODO: check p, handle k > n, p = 0 and p = 1, then sum logarithms and exponentiate.
    todo!()
}
