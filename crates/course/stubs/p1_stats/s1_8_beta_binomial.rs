//! # 1.8 Bayes' theorem — the Beta–Binomial conjugate update
//!
//! To learn an unknown success probability θ (a coin's bias, a conversion rate), put a
//! Beta(α, β) prior on it: α − 1 and β − 1 act like successes and failures seen before.
//! After observing more successes and failures, Bayes' theorem gives another Beta — the
//! prior is *conjugate* — so updating is just counting. The posterior mean is a compromise
//! between the prior mean and the data's own estimate (the MLE, successes / trials).
//!
//! ```text
//! Beta(α, β)  →  Beta(α + successes, β + failures)
//! E[θ] = α / (α + β)
//! ```
//!
//! A *credible interval* at level L holds θ with posterior probability L. The equal-tailed
//! one leaves (1 − L)/2 of the mass on each side: its ends are the (1 − L)/2 and (1 + L)/2
//! quantiles of Beta(α, β). A quantile inverts the cdf: find x with F(x) = p. This exercise
//! may call `mathlings_stats::regularized_incomplete_beta(x, a, b)`, the Beta(a, b) cdf
//! F(x); F rises from 0 at x = 0 to 1 at x = 1, so *bisection* finds x:
//!
//! ```text
//! lo = 0, hi = 1;  repeat: mid = (lo + hi)/2;  if F(mid) < p { lo = mid } else { hi = mid }
//! ```
//!
//! until hi − lo ≤ 1e-12 (about 40 halvings).

use mathlings_stats::StatsError;

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
    // TODO: validate α and β, then add the successes to α and the failures to β.
    todo!()
}

/// Returns the mean α / (α + β) of Beta(`alpha`, `beta`).
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "alpha", .. }` (then `"beta"`) when a parameter is
///   NaN, infinite or ≤ 0.
pub fn posterior_mean(alpha: f64, beta: f64) -> Result<f64, StatsError> {
    // TODO: validate, then return α / (α + β).
    todo!()
}

/// Returns the equal-tailed credible interval `(lower, upper)` of Beta(`alpha`, `beta`) at
/// `level`: the (1 − level)/2 and (1 + level)/2 quantiles.
///
/// # Errors
/// - `StatsError::InvalidParameter { name: "alpha", .. }` (then `"beta"`) when a parameter is
///   NaN, infinite or ≤ 0;
/// - `StatsError::InvalidParameter { name: "level", .. }` unless 0 < `level` < 1.
pub fn credible_interval(alpha: f64, beta: f64, level: f64) -> Result<(f64, f64), StatsError> {
    // TODO: validate, then find each quantile by bisection on
    // mathlings_stats::regularized_incomplete_beta(x, alpha, beta) (the Beta cdf).
    todo!()
}
