//! # 3.1 Derivatives & gradients — gradient descent
//!
//! Fixed-step descent with the stopping test done *before* each step, and divergence
//! (a non-finite iterate or gradient) reported as `NoConvergence` instead of returned.
//!
//! ```text
//! xₖ₊₁ = xₖ − η·∇f(xₖ),      stop when ‖∇f(xₖ)‖₂ ≤ tol
//! ```

use mathlings_calculus::CalculusError;

/// Minimises f from x0 by gradient descent with a fixed learning rate; returns the first
/// iterate with ‖∇f(x)‖₂ ≤ tol (x0 itself if it qualifies).
///
/// # Errors
/// - `CalculusError::Empty` when x0 is empty; `CalculusError::NonFinite` when x0 or the
///   gradient at x0 has a NaN or ±∞;
/// - `CalculusError::InvalidParameter { name, .. }` with name `"learning_rate"` or `"tol"`
///   when that value is not finite and > 0, and `"max_iter"` when max_iter is 0;
/// - `CalculusError::DimensionMismatch { expected: x0.len(), got }` when grad returns a
///   vector of another length;
/// - `CalculusError::NoConvergence { iterations }` when the tolerance is not met after
///   max_iter steps, or the iterates diverge (an iterate or gradient becomes NaN or ±∞).
pub fn gradient_descent(
    grad: fn(&[f64]) -> Vec<f64>,
    x0: &[f64],
    learning_rate: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Vec<f64>, CalculusError> {
    if x0.is_empty() {
        return Err(CalculusError::Empty);
    }
    if x0.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    positive("learning_rate", learning_rate)?;
    positive("tol", tol)?;
    if max_iter == 0 {
        return Err(CalculusError::InvalidParameter {
            name: "max_iter",
            reason: "must be at least 1",
        });
    }

    let mut x = x0.to_vec();
    for iterations in 0..=max_iter {
        let g = grad(&x);
        if g.len() != x.len() {
            return Err(CalculusError::DimensionMismatch {
                expected: x.len(),
                got: g.len(),
            });
        }
        if x.iter().chain(&g).any(|v| !v.is_finite()) {
            // Non-finite at the start is bad input; later it means the steps diverged.
            return Err(if iterations == 0 {
                CalculusError::NonFinite
            } else {
                CalculusError::NoConvergence { iterations }
            });
        }
        let norm = g.iter().map(|gi| gi * gi).sum::<f64>().sqrt();
        if norm <= tol {
            return Ok(x);
        }
        if iterations == max_iter {
            break;
        }
        for (xi, gi) in x.iter_mut().zip(&g) {
            *xi -= learning_rate * gi;
        }
    }
    Err(CalculusError::NoConvergence {
        iterations: max_iter,
    })
}

fn positive(name: &'static str, value: f64) -> Result<(), CalculusError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(CalculusError::InvalidParameter {
            name,
            reason: "must be finite and > 0",
        })
    }
}
