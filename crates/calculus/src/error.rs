//! The one error type of the calculus crate. It is defined in `mathlings-types`, which the
//! learner's code and the judge share without linking this crate, and re-exported here.

/// Every public function of this crate reports bad input with one of these variants
/// instead of panicking.
///
/// # Examples with this crate
/// ```
/// use mathlings_calculus::{CalculusError, numerical_gradient, softmax};
///
/// let f = |p: &[f64]| p[0] * p[0];
/// assert_eq!(numerical_gradient(f, &[], 1e-5), Err(CalculusError::Empty));
/// assert!(matches!(
///     numerical_gradient(f, &[1.0], -1e-5),
///     Err(CalculusError::InvalidParameter { name: "h", .. })
/// ));
/// assert_eq!(softmax(&[f64::NAN]), Err(CalculusError::NonFinite));
/// ```
pub use mathlings_types::CalculusError;
