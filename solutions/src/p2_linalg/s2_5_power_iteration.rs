//! # 2.5 Eigenvalues & eigenvectors — the dominant eigenpair by power iteration
//!
//! ```text
//! x_{t+1} = A xₜ / ‖A xₜ‖₂          stop when ‖x_{t+1} − xₜ‖₂ ≤ tol
//! λ = xᵀ A x
//! ```
//!
//! Each iterate is rescaled to unit length (no overflow) and its sign fixed (largest-|entry|
//! component positive), so that a negative λ does not make it flip from step to step.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// Returns the dominant eigenvalue λ (largest |λ|, with its sign) of A and a unit
/// eigenvector v (‖v‖₂ = 1, A v ≈ λ v), by power iteration with the Rayleigh quotient.
///
/// # Errors
/// - `LinalgError::Empty` for a 0×0 matrix;
/// - `LinalgError::NotSquare { rows, cols }` when A is not square;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::InvalidParameter { name: "tol", .. }` unless `tol` is finite and > 0,
///   `LinalgError::InvalidParameter { name: "max_iter", .. }` when `max_iter` is 0;
/// - `LinalgError::NoConvergence { iterations: max_iter }` when the iterates still move by
///   more than `tol` after `max_iter` multiplications.
pub fn power_iteration(
    a: &DMatrix<f64>,
    tol: f64,
    max_iter: usize,
) -> Result<(f64, DVector<f64>), LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if !a.is_square() {
        return Err(LinalgError::NotSquare {
            rows: a.nrows(),
            cols: a.ncols(),
        });
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
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
    // A start vector with no zero entries and no symmetry, so it is unlikely to be
    // orthogonal to the dominant eigenvector.
    let mut x = DVector::from_fn(n, |i, _| 1.0 + 0.1 * i as f64);
    x /= x.norm();
    for _ in 0..max_iter {
        let y = a * &x;
        let length = y.norm();
        if length == 0.0 {
            // A x = 0: x is an eigenvector for λ = 0.
            return Ok((0.0, x));
        }
        let mut next = y / length;
        fix_sign(&mut next);
        let change = (&next - &x).norm();
        x = next;
        if change <= tol {
            let lambda = x.dot(&(a * &x));
            return Ok((lambda, x));
        }
    }
    Err(LinalgError::NoConvergence {
        iterations: max_iter,
    })
}

/// Flips x so that its largest-|entry| component is positive.
fn fix_sign(x: &mut DVector<f64>) {
    let largest = x.iamax();
    if x[largest] < 0.0 {
        x.neg_mut();
    }
}
