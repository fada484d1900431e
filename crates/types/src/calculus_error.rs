//! The error type of the calculus crate (`mathlings-calculus`).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::LinalgError;

/// Why a calculus or optimization routine could not produce an answer.
///
/// # Examples
/// ```
/// use mathlings_types::{CalculusError, LinalgError};
///
/// let e = CalculusError::InvalidParameter { name: "h", reason: "must be positive" };
/// assert_eq!(e.to_string(), "invalid parameter h: must be positive");
/// // A linear-algebra failure keeps its meaning where both crates have the variant…
/// assert_eq!(CalculusError::from(LinalgError::Singular), CalculusError::Singular);
/// // …and is wrapped otherwise.
/// assert_eq!(
///     CalculusError::from(LinalgError::ZeroVector),
///     CalculusError::Linalg(LinalgError::ZeroVector)
/// );
/// ```
// `&'static core::primitive::str` is `&'static str`, spelled so that serde's derive does not
// borrow it from the input (see `static_str`).
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
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
        #[serde(deserialize_with = "crate::static_str::deserialize")]
        name: &'static core::primitive::str,
        /// What is wrong with it.
        #[serde(deserialize_with = "crate::static_str::deserialize")]
        reason: &'static core::primitive::str,
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
    /// A matrix that must be symmetric (a Hessian) is not, beyond round-off.
    #[error("matrix is not symmetric")]
    NotSymmetric,
    /// A matrix that must be square (a Hessian) is not.
    #[error("matrix must be square, got {rows}×{cols}")]
    NotSquare {
        /// Rows of the input.
        rows: usize,
        /// Columns of the input.
        cols: usize,
    },
    /// The direction given to a line search does not point downhill (∇f(x)ᵀd ≥ 0), so no
    /// step length can decrease f.
    #[error("the direction is not a descent direction")]
    NotDescentDirection,
    /// Any other failure of a linear-algebra routine used inside a method.
    #[error("linear algebra failed: {0}")]
    Linalg(LinalgError),
}

/// Linear-algebra failures met inside a calculus routine keep their meaning where the
/// calculus crate has the same variant, and are wrapped otherwise.
impl From<LinalgError> for CalculusError {
    fn from(error: LinalgError) -> Self {
        match error {
            LinalgError::Empty => CalculusError::Empty,
            LinalgError::NonFinite => CalculusError::NonFinite,
            LinalgError::Singular => CalculusError::Singular,
            LinalgError::NotSymmetric => CalculusError::NotSymmetric,
            LinalgError::NotSquare { rows, cols } => CalculusError::NotSquare { rows, cols },
            LinalgError::NoConvergence { iterations } => {
                CalculusError::NoConvergence { iterations }
            }
            other => CalculusError::Linalg(other),
        }
    }
}
