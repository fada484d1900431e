//! The one error type of the models crate. It is defined in `mathlings-types`, which the
//! learner's code and the judge share without linking this crate, and re-exported here.

/// Every fit and prediction of this crate reports bad input with one of these variants
/// instead of panicking.
///
/// # Examples with this crate
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
pub use mathlings_types::ModelError;
