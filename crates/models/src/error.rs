//! The one error type of the models crate.

use thiserror::Error;

/// Why a model could not be fitted or used.
///
/// # Examples
/// ```
/// use mathlings_models::{simple_linear_regression, ModelError, Pca};
/// use nalgebra::dmatrix;
///
/// assert_eq!(simple_linear_regression(&[], &[]), Err(ModelError::Empty));
/// assert!(matches!(
///     simple_linear_regression(&[1.0, 2.0], &[1.0]),
///     Err(ModelError::ShapeMismatch(_))
/// ));
/// assert_eq!(
///     Pca { components: 1 }.fit(&dmatrix![1.0, 2.0]),
///     Err(ModelError::TooFewRows { needed: 2, got: 1 })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
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
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
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
    Linalg(#[from] mathlings_linalg::LinalgError),
    /// A statistics step failed.
    #[error(transparent)]
    Stats(#[from] mathlings_stats::StatsError),
    /// A calculus step (softmax, numerical gradient) failed.
    #[error(transparent)]
    Calculus(#[from] mathlings_calculus::CalculusError),
}
