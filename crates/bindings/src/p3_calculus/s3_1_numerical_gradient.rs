//! The interface of 3.1 — the numerical gradient by central differences.

use mathlings_types::CalculusError;

/// `numerical_gradient(f, x, h)`.
pub type GradientFn = fn(fn(&[f64]) -> f64, &[f64], f64) -> Result<Vec<f64>, CalculusError>;

/// The exercise's signature.
pub struct Impl {
    /// `numerical_gradient(f, x, h)`: one central difference per coordinate.
    pub numerical_gradient: GradientFn,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s3_1_numerical_gradient {
    ($($m:ident)::+) => {
        $crate::p3_calculus::s3_1_numerical_gradient::Impl {
            numerical_gradient: $($m::)+numerical_gradient,
        }
    };
}
