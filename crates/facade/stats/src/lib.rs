//! `mathlings_stats` as the learner's code sees it in the learner process (the learner
//! crate depends on this crate under that name): the error type, and the reference items
//! an exercise may be allowed to call. Their work is done by the judge (see
//! `mathlings_wire`), which answers only for the items the exercise allows (`allow` in
//! `course.toml`); none of the reference algorithms is linked here.
#![deny(missing_docs)]

pub use mathlings_types::StatsError;

/// The regularized incomplete beta function I_x(a, b), computed by the course's reference.
///
/// # Errors
/// As `mathlings_stats::regularized_incomplete_beta`.
pub fn regularized_incomplete_beta(x: f64, a: f64, b: f64) -> Result<f64, StatsError> {
    mathlings_wire::learner::reference("mathlings_stats::regularized_incomplete_beta", &(x, a, b))
}
