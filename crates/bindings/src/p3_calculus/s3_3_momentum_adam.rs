//! The interface of 3.3 — gradient descent with momentum, and Adam.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::CalculusError;
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

/// The exercise's signature.
pub struct Impl {
    /// `momentum(grad, x0, learning_rate, beta, tol, max_iter)`.
    pub momentum: fn(Grad, &[f64], f64, f64, f64, usize) -> Result<Run, CalculusError>,
    /// `adam(grad, x0, learning_rate, beta1, beta2, epsilon, tol, max_iter)`.
    pub adam: fn(Grad, &[f64], f64, f64, f64, f64, f64, usize) -> Result<Run, CalculusError>,
}

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s3_3_momentum_adam {
    ($($m:ident)::+) => {
        $crate::p3_calculus::s3_3_momentum_adam::Impl {
            momentum: |grad, x0, learning_rate, beta, tol, max_iter| {
                $($m::)+momentum(grad, x0, learning_rate, beta, tol, max_iter).map(|m| {
                    $crate::p3_calculus::s3_3_momentum_adam::Run {
                        x: m.x,
                        iterations: m.iterations,
                        gradient_norm: m.gradient_norm,
                    }
                })
            },
            adam: |grad, x0, learning_rate, beta1, beta2, epsilon, tol, max_iter| {
                $($m::)+adam(grad, x0, learning_rate, beta1, beta2, epsilon, tol, max_iter).map(|m| {
                    $crate::p3_calculus::s3_3_momentum_adam::Run {
                        x: m.x,
                        iterations: m.iterations,
                        gradient_norm: m.gradient_norm,
                    }
                })
            },
        }
    };
}
