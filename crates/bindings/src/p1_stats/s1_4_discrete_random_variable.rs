//! The interface of 1.4 — a discrete random variable (pmf, cdf, mean, variance).
//!
//! The learner defines a type, `DiscreteRandomVariable`; the bind macro adapts its
//! constructor and methods into plain functions over (values, probabilities).

use mathlings_types::StatsError;

/// `(values, probabilities, x) ↦ new(values, probabilities)?.method(x)` for pmf and cdf.
pub type PointFn = fn(&[f64], &[f64], f64) -> Result<f64, StatsError>;

/// The exercise's signature, over plain data: each function builds the variable with
/// `DiscreteRandomVariable::new(values, probabilities)` and calls one method.
pub struct Impl {
    /// `DiscreteRandomVariable::new(values, probabilities)`, keeping only success or the error.
    pub new: fn(&[f64], &[f64]) -> Result<(), StatsError>,
    /// `new(values, probabilities)?.pmf(x)`.
    pub pmf: PointFn,
    /// `new(values, probabilities)?.cdf(x)`.
    pub cdf: PointFn,
    /// `new(values, probabilities)?.mean()`.
    pub mean: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
    /// `new(values, probabilities)?.variance()`.
    pub variance: fn(&[f64], &[f64]) -> Result<f64, StatsError>,
}

/// Binds a module that defines `DiscreteRandomVariable` to an [`Impl`].
#[macro_export]
macro_rules! bind_s1_4_discrete_random_variable {
    ($($m:ident)::+) => {
        $crate::p1_stats::s1_4_discrete_random_variable::Impl {
            new: |v: &[f64], p: &[f64]| {
                $($m::)+DiscreteRandomVariable::new(v.to_vec(), p.to_vec()).map(|_| ())
            },
            pmf: |v: &[f64], p: &[f64], x: f64| {
                Ok($($m::)+DiscreteRandomVariable::new(v.to_vec(), p.to_vec())?.pmf(x))
            },
            cdf: |v: &[f64], p: &[f64], x: f64| {
                Ok($($m::)+DiscreteRandomVariable::new(v.to_vec(), p.to_vec())?.cdf(x))
            },
            mean: |v: &[f64], p: &[f64]| {
                Ok($($m::)+DiscreteRandomVariable::new(v.to_vec(), p.to_vec())?.mean())
            },
            variance: |v: &[f64], p: &[f64]| {
                Ok($($m::)+DiscreteRandomVariable::new(v.to_vec(), p.to_vec())?.variance())
            },
        }
    };
}
