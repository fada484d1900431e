//! `mathlings_linalg` as the learner's code sees it in the learner process (the learner
//! crate depends on this crate under that name): the error type, the SVD's result type,
//! and the reference items an exercise may be allowed to call. Their work is done by the
//! judge (see `mathlings_wire`), which answers only for the items the exercise allows
//! (`allow` in `course.toml`); none of the reference algorithms is linked here.
#![deny(missing_docs)]

use nalgebra::DMatrix;

pub use mathlings_types::{LinalgError, Svd};

/// The singular value decomposition A = U Σ Vᵀ, computed by the course's reference.
///
/// # Errors
/// As `mathlings_linalg::svd`.
pub fn svd(a: &DMatrix<f64>) -> Result<Svd, LinalgError> {
    mathlings_wire::learner::reference("mathlings_linalg::svd", &(a,))
}

/// The inverse A⁻¹, computed by the course's reference.
///
/// # Errors
/// As `mathlings_linalg::inverse`.
pub fn inverse(a: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    mathlings_wire::learner::reference("mathlings_linalg::inverse", &(a,))
}
