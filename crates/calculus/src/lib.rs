//! Reference implementations of calculus and optimization for the mathlings course
//! (curriculum part 3): derivatives, gradients, Jacobians and Hessians, automatic
//! differentiation in forward (dual numbers) and reverse (tape) mode, stable softmax, and
//! the optimizers of machine learning.
//!
//! Key design decision: functions are plain closures over `f64` and `&[f64]`
//! (`impl Fn(&[f64]) -> f64`), never a trait for "objective functions", so each routine reads
//! top to bottom like the formula it implements; every failure a caller's data can cause
//! (empty input, NaN, bad step sizes, divergence, singular Hessians) is a
//! [`CalculusError`], never a panic. Linear algebra inside (Newton steps, Hessian
//! eigenvalues) comes from `mathlings_linalg`, the course's own reference crate.
//!
//! # Example
//! ```
//! use approx::assert_relative_eq;
//! use mathlings_calculus::{CalculusError, Dual, central_difference, derivative, gradient_descent};
//!
//! // d/dx sin(x²) = 2x cos(x²): exact by dual numbers, to ~10 digits by central differences.
//! let exact = derivative(|x: Dual| (x * x).sin(), 1.5);
//! assert_relative_eq!(exact, 3.0 * 2.25f64.cos(), max_relative = 1e-15);
//! let approx = central_difference(|x| (x * x).sin(), 1.5, 1e-5).unwrap();
//! assert_relative_eq!(approx, exact, max_relative = 1e-8);
//!
//! // Gradient descent on f(x) = (x − 2)² finds x = 2; a learning rate above 2/L diverges.
//! let grad = |x: &[f64]| vec![2.0 * (x[0] - 2.0)];
//! let m = gradient_descent(grad, &[0.0], 0.1, 1e-10, 1_000).unwrap();
//! assert_relative_eq!(m.x[0], 2.0, epsilon = 1e-10);
//! assert!(matches!(
//!     gradient_descent(grad, &[0.0], 1.5, 1e-10, 1_000),
//!     Err(CalculusError::NoConvergence { .. })
//! ));
//! ```
#![deny(missing_docs)]

mod adam;
mod convexity;
mod critical_point;
mod difference;
mod dual;
mod error;
mod gradient;
mod gradient_descent;
mod hessian;
mod jacobian;
mod line_search;
mod minimization;
mod momentum;
mod multi_start;
mod newton;
mod softmax;
mod tape;
mod validate;

pub use adam::adam;
pub use convexity::is_convex_on;
pub use critical_point::{
    CriticalPoint, classify_critical_point, classify_critical_point_with_tolerance,
    default_eigenvalue_tolerance,
};
pub use difference::{
    central_difference, forward_difference, optimal_central_step, optimal_forward_step,
    optimal_hessian_step,
};
pub use dual::{Dual, derivative};
pub use error::CalculusError;
pub use gradient::numerical_gradient;
pub use gradient_descent::gradient_descent;
pub use hessian::hessian;
pub use jacobian::jacobian;
pub use line_search::{MAX_BACKTRACKS, armijo_backtracking};
pub use minimization::Minimization;
pub use momentum::momentum;
pub use multi_start::multi_start;
pub use newton::newton_method;
pub use softmax::{log_softmax, softmax, softmax_jacobian};
pub use tape::{Tape, Var};
