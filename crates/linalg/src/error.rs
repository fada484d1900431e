//! The one error type of the linear-algebra crate. It is defined in `mathlings-types`, which the
//! learner's code and the judge share without linking this crate, and re-exported here.

/// Every public function of this crate reports bad input with one of these variants
/// instead of panicking.
///
/// # Examples with this crate
/// ```
/// use mathlings_linalg::{lu, LinalgError};
/// use nalgebra::dmatrix;
///
/// assert_eq!(lu(&dmatrix![1.0, 2.0, 3.0]), Err(LinalgError::NotSquare { rows: 1, cols: 3 }));
/// assert!(matches!(lu(&dmatrix![1.0, 2.0; 2.0, 4.0]), Err(LinalgError::Singular)));
/// ```
pub use mathlings_types::LinalgError;
