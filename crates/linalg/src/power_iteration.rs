//! The dominant eigenpair by power iteration.

use nalgebra::{DMatrix, DVector};

use crate::LinalgError;
use crate::symmetric_eigen::normalise_sign;
use crate::validate::{check_square, power_of_two_scale};

/// The result of [`power_iteration`].
///
/// # Formula
/// ```text
/// A v = λ v,   |λ| = max |λᵢ|,   ‖v‖₂ = 1
/// ```
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{power_iteration, LinalgError};
/// use nalgebra::dmatrix;
///
/// let a = dmatrix![4.0, 1.0; 1.0, 3.0];
/// let r = power_iteration(&a, 1e-12, 1000)?;
/// // λ = (7 + √5) / 2, and A v = λ v.
/// assert_relative_eq!(r.eigenvalue, (7.0 + 5.0_f64.sqrt()) / 2.0, epsilon = 1e-10);
/// assert_relative_eq!(&a * &r.eigenvector, r.eigenvalue * &r.eigenvector, epsilon = 1e-9);
/// assert!(r.iterations <= 1000);
/// # Ok::<(), LinalgError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PowerIteration {
    /// The eigenvalue of largest magnitude (the Rayleigh quotient xᵀAx at the end).
    pub eigenvalue: f64,
    /// Its unit eigenvector, sign-normalised (largest-|entry| component positive).
    pub eigenvector: DVector<f64>,
    /// Matrix–vector products performed.
    pub iterations: usize,
}

/// The dominant eigenvalue (largest |λ|) and its eigenvector by power iteration.
///
/// Repeated multiplication by A amplifies the component along the dominant
/// eigenvector by |λ₀/λ₁| per step. The start vector is fixed (entries 0.5 + the
/// fractional part of (i+1)·0.618…), so results are reproducible; if it happens to be
/// orthogonal to the dominant eigenvector, or |λ₀| = |λ₁| with λ₀ ≠ λ₁ (e.g. ±1), the
/// iteration does not settle and `NoConvergence` is returned.
///
/// # Formula
/// ```text
/// x_{t+1} = A xₜ / ‖A xₜ‖₂,   stop when ‖x_{t+1} − xₜ‖₂ ≤ tol,   λ = x_{t+1}ᵀ A x_{t+1}
/// ```
/// where each xₜ is sign-normalised so that a negative λ does not make it flip.
///
/// # Errors
/// `Empty`, `NonFinite`, `NotSquare`, `InvalidParameter` when `tol` is not finite and
/// positive or `max_iter` is 0, `NoConvergence` after `max_iter` steps.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{power_iteration, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let r = power_iteration(&dmatrix![2.0, 1.0; 1.0, 2.0], 1e-12, 1000)?;
/// assert_relative_eq!(r.eigenvalue, 3.0, epsilon = 1e-12);
/// let h = 0.5_f64.sqrt();
/// assert_relative_eq!(r.eigenvector, dvector![h, h], epsilon = 1e-10);
///
/// // ±1: no dominant eigenvalue.
/// assert!(matches!(
///     power_iteration(&dmatrix![0.0, 1.0; 1.0, 0.0], 1e-12, 100),
///     Err(LinalgError::NoConvergence { iterations: 100 })
/// ));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn power_iteration(
    a: &DMatrix<f64>,
    tol: f64,
    max_iter: usize,
) -> Result<PowerIteration, LinalgError> {
    check_square(a)?;
    if !tol.is_finite() || tol <= 0.0 {
        return Err(LinalgError::InvalidParameter {
            name: "tol",
            reason: "the tolerance must be finite and > 0",
        });
    }
    if max_iter == 0 {
        return Err(LinalgError::InvalidParameter {
            name: "max_iter",
            reason: "at least one iteration is needed",
        });
    }
    let n = a.nrows();
    // A divided by a power of two (exact): repeated products cannot overflow.
    let scale = power_of_two_scale(a.amax());
    let scaled = a / scale;
    let golden = 0.618_033_988_749_894_9;
    let mut x = DVector::from_fn(n, |i, _| 0.5 + ((i + 1) as f64 * golden).fract());
    x /= x.norm();

    for iteration in 1..=max_iter {
        let y = &scaled * &x;
        let length = y.norm();
        if length == 0.0 {
            // A x = 0: x is an eigenvector for λ = 0, and every eigenvalue reachable is 0.
            normalise_sign(x.as_mut_slice());
            return Ok(PowerIteration {
                eigenvalue: 0.0,
                eigenvector: x,
                iterations: iteration,
            });
        }
        let mut next = y / length;
        normalise_sign(next.as_mut_slice());
        let change = (&next - &x).norm();
        x = next;
        if change <= tol {
            let eigenvalue = x.dot(&(&scaled * &x)) * scale;
            return Ok(PowerIteration {
                eigenvalue,
                eigenvector: x,
                iterations: iteration,
            });
        }
    }
    Err(LinalgError::NoConvergence {
        iterations: max_iter,
    })
}
