//! The one error type of the calculus crate.

use thiserror::Error;

/// Why a calculus or optimization routine could not produce an answer.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CalculusError {
    /// An input vector is empty.
    #[error("the input is empty")]
    Empty,
    /// An input or a function value is NaN or ±∞.
    #[error("a NaN or infinite value was met")]
    NonFinite,
    /// Dimensions do not fit (e.g. a matrix and a point of different sizes).
    #[error("dimension mismatch: expected {expected}, got {got}")]
    DimensionMismatch {
        /// The dimension required.
        expected: usize,
        /// The dimension given.
        got: usize,
    },
    /// A parameter is outside its domain (h ≤ 0, learning rate ≤ 0, β ∉ [0, 1), …).
    #[error("invalid parameter {name}: {reason}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An iteration did not reach its tolerance within its budget (or diverged).
    #[error("no convergence after {iterations} iterations")]
    NoConvergence {
        /// Iterations performed.
        iterations: usize,
    },
    /// A linear system met during the method is singular (e.g. Newton with a singular Hessian).
    #[error("singular system")]
    Singular,
}
