//! The error type of the statistics crate (`mathlings-stats`).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a statistics routine could not produce an answer.
///
/// # Examples
/// ```
/// use mathlings_types::StatsError;
///
/// let e = StatsError::TooFewValues { needed: 2, got: 1 };
/// assert_eq!(e.to_string(), "need at least 2 values, got 1");
/// let e = StatsError::InvalidParameter { name: "sigma", reason: "must be positive" };
/// assert_eq!(e.to_string(), "invalid parameter sigma: must be positive");
/// assert_eq!(StatsError::Undefined("constant sample").to_string(), "undefined for this data: constant sample");
/// ```
// `&'static core::primitive::str` is `&'static str`, spelled so that serde's derive does not
// borrow it from the input (see `static_str`).
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
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
        #[serde(deserialize_with = "crate::static_str::deserialize")]
        name: &'static core::primitive::str,
        /// What is wrong with it.
        #[serde(deserialize_with = "crate::static_str::deserialize")]
        reason: &'static core::primitive::str,
    },
    /// Probabilities are negative or do not sum to 1 (within 1e-9).
    #[error("probabilities must be non-negative and sum to 1")]
    InvalidProbabilities,
    /// Conditioning on an event of probability zero.
    #[error("cannot condition on an event of probability zero")]
    ZeroProbabilityEvent,
    /// The statistic is undefined for this data (e.g. correlation of a constant sample).
    #[error("undefined for this data: {0}")]
    Undefined(
        #[serde(deserialize_with = "crate::static_str::deserialize")] &'static core::primitive::str,
    ),
    /// An iterative method (e.g. the incomplete beta continued fraction) did not converge.
    #[error("no convergence after {iterations} iterations")]
    NoConvergence {
        /// Iterations performed.
        iterations: usize,
    },
}
