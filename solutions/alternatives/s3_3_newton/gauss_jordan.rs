//! Alternative: the Newton system solved by Gauss–Jordan elimination on [H | ∇f] (no back substitution).
//! # 3.3 Optimization — Newton's method
//!
//! ```text
//! solve  H(xₖ) dₖ = ∇f(xₖ),    then   xₖ₊₁ = xₖ − dₖ        (stop when ‖∇f(xₖ)‖₂ ≤ tol)
//! ```
//!
//! The system is solved by Gauss–Jordan elimination with partial pivoting on the augmented
//! matrix [H | g]: the same pivots as Gaussian elimination, the answer read off directly.

use mathlings_calculus::CalculusError;
use nalgebra::DMatrix;

/// What an optimizer found.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimization {
    /// The point reached.
    pub x: Vec<f64>,
    /// The number of steps taken (0 if x0 already met the tolerance).
    pub iterations: usize,
    /// ‖∇f(x)‖₂ at the point reached.
    pub gradient_norm: f64,
}

/// Finds a stationary point of f by Newton's method, given its gradient `grad` and Hessian
/// `hess`: xₖ₊₁ = xₖ − dₖ with H(xₖ) dₖ = ∇f(xₖ), until ‖∇f(x)‖₂ ≤ tol.
///
/// # Errors
/// - `CalculusError::Empty` if x0 is empty;
/// - `CalculusError::NonFinite` if x0, or the gradient or Hessian at x0, has a NaN or ±∞;
/// - `CalculusError::InvalidParameter { name: "tol" | "max_iter", .. }` if tol is not finite
///   and > 0, or max_iter is 0;
/// - `CalculusError::DimensionMismatch { expected: n, got }` if grad returns a vector, or hess
///   a matrix, of another size than n = x0.len();
/// - `CalculusError::Singular` if a Hessian met on the way is singular;
/// - `CalculusError::NoConvergence { iterations }` if the tolerance is not met within
///   max_iter steps, or the iterates diverge (a NaN or ±∞ after the start).
pub fn newton_method(
    grad: fn(&[f64]) -> Vec<f64>,
    hess: fn(&[f64]) -> DMatrix<f64>,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
) -> Result<Minimization, CalculusError> {
    if x0.is_empty() {
        return Err(CalculusError::Empty);
    }
    if x0.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    if !(tol.is_finite() && tol > 0.0) {
        return Err(CalculusError::InvalidParameter {
            name: "tol",
            reason: "must be finite and > 0",
        });
    }
    if max_iter == 0 {
        return Err(CalculusError::InvalidParameter {
            name: "max_iter",
            reason: "must be at least 1",
        });
    }
    let n = x0.len();
    // A NaN or ±∞ at the start is bad input; after some steps it means divergence.
    let not_finite = |iterations: usize| {
        if iterations == 0 {
            CalculusError::NonFinite
        } else {
            CalculusError::NoConvergence { iterations }
        }
    };

    let mut x = x0.to_vec();
    let mut iterations = 0;
    loop {
        let g = grad(&x);
        if g.len() != n {
            return Err(CalculusError::DimensionMismatch {
                expected: n,
                got: g.len(),
            });
        }
        if x.iter().chain(&g).any(|v| !v.is_finite()) {
            return Err(not_finite(iterations));
        }
        let gradient_norm = g.iter().map(|gi| gi * gi).sum::<f64>().sqrt();
        if gradient_norm <= tol {
            return Ok(Minimization {
                x,
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
            return Err(not_finite(iterations));
        }
        let d = solve(h, g)?;
        for (xi, di) in x.iter_mut().zip(&d) {
            *xi -= di;
        }
        iterations += 1;
    }
}

/// Solves A d = b by Gauss–Jordan elimination with partial pivoting on the augmented
/// matrix [A | b]: each pivot row is scaled to 1 and column k cleared above *and* below it,
/// so no back substitution is needed (about 1.5× the work of elimination + substitution).
fn solve(a: DMatrix<f64>, b: Vec<f64>) -> Result<Vec<f64>, CalculusError> {
    let n = b.len();
    let singular = n as f64 * f64::EPSILON * a.amax();
    let mut aug = a.insert_column(n, 0.0);
    for (i, bi) in b.iter().enumerate() {
        aug[(i, n)] = *bi;
    }
    for k in 0..n {
        let mut p = k;
        for i in k + 1..n {
            if aug[(i, k)].abs() > aug[(p, k)].abs() {
                p = i;
            }
        }
        if aug[(p, k)].abs() <= singular {
            return Err(CalculusError::Singular);
        }
        aug.swap_rows(p, k);
        let pivot = aug[(k, k)];
        for j in k..=n {
            aug[(k, j)] /= pivot;
        }
        for i in (0..n).filter(|&i| i != k) {
            let factor = aug[(i, k)];
            if factor != 0.0 {
                for j in k..=n {
                    aug[(i, j)] -= factor * aug[(k, j)];
                }
            }
        }
    }
    Ok((0..n).map(|i| aug[(i, n)]).collect())
}
