//! The error type of the linear-algebra crate (`mathlings-linalg`).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a linear-algebra routine could not produce an answer.
///
/// # Examples
/// ```
/// use mathlings_types::LinalgError;
///
/// let e = LinalgError::NotSquare { rows: 1, cols: 3 };
/// assert_eq!(e.to_string(), "matrix must be square, got 1×3");
/// let e = LinalgError::ShapeMismatch { left: (2, 3), right: (2, 3) };
/// assert_eq!(e.to_string(), "shape mismatch: (2, 3) vs (2, 3)");
/// ```
// `&'static core::primitive::str` is `&'static str`, spelled so that serde's derive does not
// borrow it from the input (see `static_str`).
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum LinalgError {
    /// A vector or matrix with no elements.
    #[error("the input is empty")]
    Empty,
    /// An entry is NaN or ±∞.
    #[error("the input contains a NaN or infinite value")]
    NonFinite,
    /// Operand shapes do not fit together (e.g. a 2×3 times a 2×3).
    #[error("shape mismatch: {left:?} vs {right:?}")]
    ShapeMismatch {
        /// Shape (rows, cols) of the left operand.
        left: (usize, usize),
        /// Shape (rows, cols) of the right operand.
        right: (usize, usize),
    },
    /// The routine needs a square matrix.
    #[error("matrix must be square, got {rows}×{cols}")]
    NotSquare {
        /// Rows of the input.
        rows: usize,
        /// Columns of the input.
        cols: usize,
    },
    /// The matrix is singular (or numerically so) and the routine needs it invertible.
    #[error("matrix is singular")]
    Singular,
    /// The matrix has dependent columns where full column rank is needed.
    #[error("matrix is rank deficient: rank {rank} < {needed}")]
    RankDeficient {
        /// Numerical rank found.
        rank: usize,
        /// Rank required.
        needed: usize,
    },
    /// The matrix is not symmetric where symmetry is required.
    #[error("matrix is not symmetric")]
    NotSymmetric,
    /// The matrix is not positive definite (Cholesky).
    #[error("matrix is not positive definite")]
    NotPositiveDefinite,
    /// An iteration did not reach its tolerance within its budget.
    #[error("no convergence after {iterations} iterations")]
    NoConvergence {
        /// Iterations performed.
        iterations: usize,
    },
    /// A parameter is outside its domain (p < 1 for a p-norm, k = 0, tolerance ≤ 0, …).
    #[error("invalid parameter {name}: {reason}")]
    InvalidParameter {
        /// The parameter's name.
        #[serde(deserialize_with = "crate::static_str::deserialize")]
        name: &'static core::primitive::str,
        /// What is wrong with it.
        #[serde(deserialize_with = "crate::static_str::deserialize")]
        reason: &'static core::primitive::str,
    },
    /// A zero vector where a direction is needed (cosine similarity, projection onto 0).
    #[error("zero vector has no direction")]
    ZeroVector,
    /// Tensor shapes that do not fit together: a data length that does not match the
    /// shape's element count, a reshape that changes the element count, or shapes that
    /// NumPy's broadcasting rules cannot combine.
    #[error("tensor shapes do not fit: {left:?} vs {right:?}")]
    TensorShapeMismatch {
        /// The first shape (or `[data.len()]` for `Tensor::from_vec`).
        left: Vec<usize>,
        /// The second shape.
        right: Vec<usize>,
    },
    /// A tensor index outside its axis.
    #[error("index {index} is out of bounds for axis {axis} of length {len}")]
    IndexOutOfBounds {
        /// The axis indexed.
        axis: usize,
        /// The index given.
        index: usize,
        /// The length of that axis.
        len: usize,
    },
}
