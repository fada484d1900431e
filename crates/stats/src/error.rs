//! The one error type of the statistics crate.

use thiserror::Error;

/// Why a statistics routine could not produce an answer.
///
/// Every public function of this crate reports bad input with one of these variants
/// instead of panicking.
///
/// # Examples
/// ```
/// use mathlings_stats::{mean, sample_variance, StatsError};
/// assert_eq!(mean(&[]), Err(StatsError::EmptyInput));
/// assert_eq!(mean(&[1.0, f64::NAN]), Err(StatsError::NonFinite));
/// assert!(matches!(sample_variance(&[1.0]), Err(StatsError::TooFewValues { needed: 2, got: 1 })));
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum StatsError {
    /// The input sample (or table, or distribution) has no elements.
    #[error("the input is empty")]
    EmptyInput,
    /// The input holds fewer values than the statistic needs (e.g. sample variance of one value).
    #[error("need at least {needed} values, got {got}")]
    TooFewValues {
        /// How many values the statistic needs.
        needed: usize,
        /// How many it got.
        got: usize,
    },
    /// A value is NaN or ±∞.
    #[error("the input contains a NaN or infinite value")]
    NonFinite,
    /// Two inputs that must have the same length do not.
    #[error("length mismatch: {left} vs {right}")]
    LengthMismatch {
        /// Length of the first input.
        left: usize,
        /// Length of the second input.
        right: usize,
    },
    /// A distribution or method parameter is outside its domain (σ ≤ 0, p ∉ [0, 1], k > n, …).
    #[error("invalid parameter {name}: {reason}")]
    InvalidParameter {
        /// The parameter's name as in the formula (e.g. "sigma").
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Probabilities are negative or do not sum to 1 (within 1e-9).
    #[error("probabilities must be non-negative and sum to 1")]
    InvalidProbabilities,
    /// Conditioning on an event of probability zero.
    #[error("cannot condition on an event of probability zero")]
    ZeroProbabilityEvent,
    /// The statistic is undefined for this data (e.g. correlation of a constant sample).
    #[error("undefined for this data: {0}")]
    Undefined(&'static str),
    /// An iterative method (e.g. the incomplete beta continued fraction) did not converge.
    #[error("no convergence after {iterations} iterations")]
    NoConvergence {
        /// Iterations performed.
        iterations: usize,
    },
}
