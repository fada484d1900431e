//! Newton's method for minimization: step to the minimizer of the local quadratic model.

use mathlings_linalg::solve;
use nalgebra::{DMatrix, DVector};

use crate::validate::{check_max_iter, check_point, check_positive, norm};
use crate::{CalculusError, Minimization, minimization::gradient_at};

/// Finds a stationary point of f by Newton's method: each step solves H d = ∇f and moves to
/// x − d, the stationary point of the second-order Taylor model of f at x.
///
/// On a quadratic with positive definite Hessian the model is exact, so one step lands on the
/// minimizer. Near a minimizer with positive definite Hessian convergence is quadratic (the
/// number of correct digits doubles per step). Newton's method only looks for ∇f = 0: started
/// near a saddle or a maximum it may converge there; check the result with
/// [`classify_critical_point`](crate::classify_critical_point). The linear system is solved by
/// `mathlings_linalg::solve` (LU with partial pivoting), never by forming H⁻¹. Stops as soon
/// as ‖∇f(x)‖₂ ≤ tol.
///
/// # Formula
/// ```text
/// H(xₖ) dₖ = ∇f(xₖ),   xₖ₊₁ = xₖ − dₖ
/// ```
/// where H(x) is the Hessian of f at x.
///
/// # Errors
/// - [`CalculusError::Empty`] if x0 is empty; [`CalculusError::NonFinite`] if x0, or the
///   gradient or Hessian at x0, has a NaN or ±∞.
/// - [`CalculusError::InvalidParameter`] if tol is not finite and > 0 or max_iter is 0.
/// - [`CalculusError::DimensionMismatch`] if grad returns a vector, or hess a matrix, of
///   another size than x0 (a non-square Hessian included).
/// - [`CalculusError::Singular`] if a Hessian met on the way is singular.
/// - [`CalculusError::NoConvergence`] if the tolerance is not met within max_iter steps, or
///   the iterates diverge.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, newton_method};
/// use nalgebra::DMatrix;
///
/// // f(x, y) = (x − 1)² + 2(y + 3)² + xy: a quadratic, solved in one step.
/// let grad = |p: &[f64]| vec![2.0 * (p[0] - 1.0) + p[1], 4.0 * (p[1] + 3.0) + p[0]];
/// let hess = |_: &[f64]| DMatrix::from_row_slice(2, 2, &[2.0, 1.0, 1.0, 4.0]);
/// let m = newton_method(grad, hess, &[10.0, 10.0], 1e-10, 20).unwrap();
/// assert_eq!(m.iterations, 1);
/// // The minimizer solves 2x + y = 2, x + 4y = −12.
/// assert_relative_eq!(m.x[0], 20.0 / 7.0, epsilon = 1e-12);
/// assert_relative_eq!(m.x[1], -26.0 / 7.0, epsilon = 1e-12);
///
/// // f(x, y) = x² has a singular Hessian: no unique Newton step.
/// let flat = |_: &[f64]| DMatrix::from_row_slice(2, 2, &[2.0, 0.0, 0.0, 0.0]);
/// assert!(matches!(
///     newton_method(|p: &[f64]| vec![2.0 * p[0], 0.0], flat, &[1.0, 1.0], 1e-10, 20),
///     Err(CalculusError::Singular)
/// ));
/// ```
pub fn newton_method(
    grad: impl Fn(&[f64]) -> Vec<f64>,
    hess: impl Fn(&[f64]) -> DMatrix<f64>,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
) -> Result<Minimization, CalculusError> {
    check_point(x0)?;
    check_positive("tol", tol)?;
    check_max_iter(max_iter)?;

    let n = x0.len();
    let mut x = x0.to_vec();
    let mut iterations = 0;
    loop {
        let g = gradient_at(&grad, &x, iterations)?;
        let gradient_norm = norm(&g);
        if gradient_norm <= tol {
            return Ok(Minimization {
                x,
                value: f64::NAN,
                iterations,
                gradient_norm,
            });
        }
        if iterations == max_iter {
            return Err(CalculusError::NoConvergence { iterations });
        }
        let h = hess(&x);
        if h.nrows() != n || h.ncols() != n {
            let got = if h.nrows() != n { h.nrows() } else { h.ncols() };
            return Err(CalculusError::DimensionMismatch { expected: n, got });
        }
        if h.iter().any(|v| !v.is_finite()) {
            return Err(if iterations == 0 {
                CalculusError::NonFinite
            } else {
                CalculusError::NoConvergence { iterations }
            });
        }
        let step = solve(&h, &DVector::from_column_slice(&g))?;
        for (xi, di) in x.iter_mut().zip(step.iter()) {
            *xi -= di;
        }
        iterations += 1;
    }
}
