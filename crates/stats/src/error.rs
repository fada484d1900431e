//! The one error type of the statistics crate. It is defined in `mathlings-types`, which the
//! learner's code and the judge share without linking this crate, and re-exported here.

/// Every public function of this crate reports bad input with one of these variants
/// instead of panicking.
///
/// # Examples with this crate
/// ```
/// use mathlings_stats::{mean, sample_variance, StatsError};
/// assert_eq!(mean(&[]), Err(StatsError::EmptyInput));
/// assert_eq!(mean(&[1.0, f64::NAN]), Err(StatsError::NonFinite));
/// assert!(matches!(sample_variance(&[1.0]), Err(StatsError::TooFewValues { needed: 2, got: 1 })));
/// ```
pub use mathlings_types::StatsError;
