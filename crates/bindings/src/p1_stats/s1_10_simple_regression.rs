//! The interface of 1.10 — simple linear regression in closed form.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::StatsError;

/// The exercise's signature.
pub struct Impl {
    /// `simple_linear_regression(x, y)`: `(β₀, β₁, R²)` of the least-squares line.
    pub simple_linear_regression: fn(&[f64], &[f64]) -> Result<(f64, f64, f64), StatsError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_10_simple_regression {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_10_simple_regression::Impl {
            simple_linear_regression: $($m::)+simple_linear_regression,
        }
    };
}
