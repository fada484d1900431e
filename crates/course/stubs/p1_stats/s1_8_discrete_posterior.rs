//! # 1.8 Bayes' theorem — the posterior over a finite set of hypotheses
//!
//! Bayes' theorem turns a *prior* belief P(Hᵢ) over hypotheses H₁, …, Hₖ and the
//! *likelihood* P(D | Hᵢ) of the observed data under each of them into the *posterior*
//! P(Hᵢ | D): multiply prior by likelihood, then divide by the *evidence* P(D) — the sum of
//! those products, by the law of total probability — so the posterior sums to 1.
//!
//! ```text
//! P(Hᵢ | D) = P(D | Hᵢ) · P(Hᵢ) / P(D),   where   P(D) = Σⱼ P(D | Hⱼ) · P(Hⱼ)
//! ```
//!
//! Likelihoods are not a distribution over the hypotheses: they need not sum to 1 (they
//! may even be densities above 1), but they must be ≥ 0. If the evidence is 0 the data
//! is impossible under every hypothesis the prior allows, and there is no posterior.

use mathlings_stats::StatsError;

/// Returns the posterior `P(Hᵢ | D)` for every hypothesis i, from `prior[i] = P(Hᵢ)` and
/// `likelihood[i] = P(D | Hᵢ)`.
///
/// # Errors
/// - `StatsError::EmptyInput` when `prior` or `likelihood` is empty;
/// - `StatsError::NonFinite` when a value is NaN or ±∞;
/// - `StatsError::LengthMismatch { left, right }` when the lengths differ
///   (`left = prior.len()`, `right = likelihood.len()`);
/// - `StatsError::InvalidProbabilities` when the prior has a negative entry or does not sum to
///   1 (within 1e-9), or a likelihood is negative;
/// - `StatsError::ZeroProbabilityEvent` when the evidence Σⱼ P(D | Hⱼ)·P(Hⱼ) is 0.
pub fn posterior(prior: &[f64], likelihood: &[f64]) -> Result<Vec<f64>, StatsError> {
    // TODO: validate, multiply prior by likelihood, divide each product by their sum.
    todo!()
}
