//! The error type of the models crate (`mathlings-models`).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{CalculusError, LinalgError, StatsError};

/// Why a model could not be fitted or used.
///
/// # Examples
/// ```
/// use mathlings_types::{LinalgError, ModelError, StatsError};
///
/// assert_eq!(
///     ModelError::TooFewRows { needed: 2, got: 1 }.to_string(),
///     "need at least 2 rows, got 1"
/// );
/// // Failures of the other reference crates convert with `?` and keep their message.
/// let e = ModelError::from(StatsError::EmptyInput);
/// assert_eq!(e, ModelError::Stats(StatsError::EmptyInput));
/// assert_eq!(e.to_string(), "the input is empty");
/// assert_eq!(ModelError::from(LinalgError::Singular).to_string(), "matrix is singular");
/// ```
// `&'static core::primitive::str` is `&'static str`, spelled so that serde's derive does not
// borrow it from the input (see `static_str`).
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ModelError {
    /// No training rows.
    #[error("no training data")]
    Empty,
    /// A NaN or infinite value in the data.
    #[error("the data contains a NaN or infinite value")]
    NonFinite,
    /// Features and targets (or train and test data) have incompatible shapes.
    #[error("shape mismatch: {0}")]
    ShapeMismatch(String),
    /// The design matrix has dependent columns; the coefficients are not identifiable.
    #[error("design matrix is rank deficient (rank {rank} < {columns} columns)")]
    RankDeficient {
        /// Numerical rank.
        rank: usize,
        /// Number of columns.
        columns: usize,
    },
    /// Logistic regression data are perfectly separable: the MLE does not exist.
    #[error("the classes are perfectly separable; the maximum-likelihood estimate does not exist")]
    PerfectSeparation,
    /// A hyper-parameter is outside its domain.
    #[error("invalid parameter {name}: {reason}")]
    InvalidParameter {
        /// The parameter's name.
        #[serde(deserialize_with = "crate::static_str::deserialize")]
        name: &'static core::primitive::str,
        /// What is wrong with it.
        #[serde(deserialize_with = "crate::static_str::deserialize")]
        reason: &'static core::primitive::str,
    },
    /// An iterative fit did not converge.
    #[error("no convergence after {iterations} iterations")]
    NoConvergence {
        /// Iterations performed.
        iterations: usize,
    },
    /// Fewer observations than the model needs (e.g. OLS with n ≤ p leaves no residual
    /// degrees of freedom, PCA needs two rows to estimate a variance).
    #[error("need at least {needed} rows, got {got}")]
    TooFewRows {
        /// Rows the model needs.
        needed: usize,
        /// Rows given.
        got: usize,
    },
    /// A class label is out of range or a class has no training rows.
    #[error("invalid label: {0}")]
    InvalidLabel(String),
    /// A linear-algebra step failed.
    #[error(transparent)]
    Linalg(#[from] LinalgError),
    /// A statistics step failed.
    #[error(transparent)]
    Stats(#[from] StatsError),
    /// A calculus step (softmax, numerical gradient) failed.
    #[error(transparent)]
    Calculus(#[from] CalculusError),
}
