//! The interface of 3.3 — Newton's method with a hand-written linear solve.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::CalculusError;
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// What the learner's `Minimization` holds, as plain data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// The point reached.
    pub x: Vec<f64>,
    /// Steps taken.
    pub iterations: usize,
    /// ‖∇f(x)‖₂ there.
    pub gradient_norm: f64,
}

/// A gradient: x ↦ ∇f(x).
pub type Grad = fn(&[f64]) -> Vec<f64>;

/// A Hessian: x ↦ H(x).
pub type Hess = fn(&[f64]) -> DMatrix<f64>;

/// The exercise's signature.
pub struct Impl {
    /// `newton_method(grad, hess, x0, tol, max_iter)`.
    pub newton_method: fn(Grad, Hess, &[f64], f64, usize) -> Result<Run, CalculusError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s3_3_newton {
    ($($m:ident)::+) => {
        $crate::p3_calculus::s3_3_newton::Impl {
            newton_method: |grad, hess, x0, tol, max_iter| {
                $($m::)+newton_method(grad, hess, x0, tol, max_iter).map(|m| {
                    $crate::p3_calculus::s3_3_newton::Run {
                        x: m.x,
                        iterations: m.iterations,
                        gradient_norm: m.gradient_norm,
                    }
                })
            },
        }
    };
}
