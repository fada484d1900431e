//! The interface of 3.3 — classifying a critical point from the Hessian's eigenvalues.

use mathlings_types::CalculusError;
use nalgebra::DMatrix;

/// The kind of a critical point: the shared `CriticalPoint` of `mathlings-types` (the
/// reference's), onto which the bind macro maps the learner's own enum.
pub use mathlings_types::CriticalPoint as Kind;

/// The exercise's signature (the learner's `CriticalPoint` is mapped onto the shared
/// [`Kind`] by the bind macro).
pub struct Impl {
    /// `classify_critical_point(h)`: Minimum, Maximum, Saddle or Degenerate.
    pub classify_critical_point: fn(&DMatrix<f64>) -> Result<Kind, CalculusError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s3_3_critical_points {
    ($($m:ident)::+) => {
        $crate::p3_calculus::s3_3_critical_points::Impl {
            classify_critical_point: |h| {
                use $crate::p3_calculus::s3_3_critical_points::Kind;
                $($m::)+classify_critical_point(h).map(|kind| match kind {
                    $($m::)+CriticalPoint::Minimum => Kind::Minimum,
                    $($m::)+CriticalPoint::Maximum => Kind::Maximum,
                    $($m::)+CriticalPoint::Saddle => Kind::Saddle,
                    $($m::)+CriticalPoint::Degenerate => Kind::Degenerate,
                })
            },
        }
    };
}
