//! # 3.3 Optimization — momentum and Adam
//!
//! ```text
//! momentum:   vₖ₊₁ = β vₖ + ∇f(xₖ),   xₖ₊₁ = xₖ − η vₖ₊₁
//! Adam:       m̂ₜ = mₜ / (1 − β₁ᵗ),  v̂ₜ = vₜ / (1 − β₂ᵗ),  xₜ = xₜ₋₁ − η m̂ₜ / (√v̂ₜ + ε)
//! ```
//!
//! Both share the validation and the gradient check; each keeps its state vectors and
//! updates them coordinate by coordinate.

use mathlings_calculus::CalculusError;

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

/// Gradient descent with (heavy-ball) momentum: v ← βv + ∇f(x), x ← x − ηv, until
/// ‖∇f(x)‖₂ ≤ tol.
///
/// # Errors
/// - `CalculusError::Empty` if x0 is empty;
/// - `CalculusError::NonFinite` if x0 or the gradient at x0 has a NaN or ±∞;
/// - `CalculusError::InvalidParameter { name, .. }` if learning_rate or tol is not finite
///   and positive (name "learning_rate" / "tol"), beta is outside [0, 1) ("beta"), or
///   max_iter is 0 ("max_iter");
/// - `CalculusError::DimensionMismatch { expected: x0.len(), got }` if grad returns a vector
///   of another length;
/// - `CalculusError::NoConvergence { iterations }` if the tolerance is not met within
///   max_iter steps, or the iterates diverge.
pub fn momentum(
    grad: fn(&[f64]) -> Vec<f64>,
    x0: &[f64],
    learning_rate: f64,
    beta: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Minimization, CalculusError> {
    check_start(x0)?;
    check_positive("learning_rate", learning_rate)?;
    check_decay("beta", beta)?;
    check_positive("tol", tol)?;
    check_max_iter(max_iter)?;

    let mut x = x0.to_vec();
    let mut velocity = vec![0.0; x.len()];
    let mut iterations = 0;
    loop {
        let g = gradient(grad, &x, iterations)?;
        let gradient_norm = norm(&g);
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
        for i in 0..x.len() {
            velocity[i] = beta * velocity[i] + g[i];
            x[i] -= learning_rate * velocity[i];
        }
        iterations += 1;
    }
}

/// Adam with bias-corrected first and second moment estimates, until ‖∇f(x)‖₂ ≤ tol.
///
/// # Errors
/// - `CalculusError::Empty` if x0 is empty;
/// - `CalculusError::NonFinite` if x0 or the gradient at x0 has a NaN or ±∞;
/// - `CalculusError::InvalidParameter { name, .. }` if learning_rate, epsilon or tol is not
///   finite and > 0, beta1 or beta2 is outside [0, 1), or max_iter is 0 (name = the
///   parameter's name);
/// - `CalculusError::DimensionMismatch { expected: x0.len(), got }` if grad returns a vector
///   of another length;
/// - `CalculusError::NoConvergence { iterations }` if the tolerance is not met within
///   max_iter steps, or the iterates diverge.
#[allow(clippy::too_many_arguments)]
pub fn adam(
    grad: fn(&[f64]) -> Vec<f64>,
    x0: &[f64],
    learning_rate: f64,
    beta1: f64,
    beta2: f64,
    epsilon: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Minimization, CalculusError> {
    check_start(x0)?;
    check_positive("learning_rate", learning_rate)?;
    check_decay("beta1", beta1)?;
    check_decay("beta2", beta2)?;
    check_positive("epsilon", epsilon)?;
    check_positive("tol", tol)?;
    check_max_iter(max_iter)?;

    let mut x = x0.to_vec();
    let mut m = vec![0.0; x.len()];
    let mut v = vec![0.0; x.len()];
    let mut iterations = 0;
    loop {
        let g = gradient(grad, &x, iterations)?;
        let gradient_norm = norm(&g);
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
        iterations += 1;
        let t = i32::try_from(iterations).unwrap_or(i32::MAX);
        let correction1 = 1.0 - beta1.powi(t);
        let correction2 = 1.0 - beta2.powi(t);
        for i in 0..x.len() {
            m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] * g[i];
            let m_hat = m[i] / correction1;
            let v_hat = v[i] / correction2;
            x[i] -= learning_rate * m_hat / (v_hat.sqrt() + epsilon);
        }
    }
}

fn check_start(x0: &[f64]) -> Result<(), CalculusError> {
    if x0.is_empty() {
        return Err(CalculusError::Empty);
    }
    if x0.iter().any(|v| !v.is_finite()) {
        return Err(CalculusError::NonFinite);
    }
    Ok(())
}

fn check_positive(name: &'static str, value: f64) -> Result<(), CalculusError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(CalculusError::InvalidParameter {
            name,
            reason: "must be finite and > 0",
        })
    }
}

fn check_decay(name: &'static str, value: f64) -> Result<(), CalculusError> {
    if (0.0..1.0).contains(&value) {
        Ok(())
    } else {
        Err(CalculusError::InvalidParameter {
            name,
            reason: "must lie in [0, 1)",
        })
    }
}

fn check_max_iter(max_iter: usize) -> Result<(), CalculusError> {
    if max_iter == 0 {
        Err(CalculusError::InvalidParameter {
            name: "max_iter",
            reason: "must be at least 1",
        })
    } else {
        Ok(())
    }
}

/// ∇f(x), checked: the right length, and finite (NonFinite at the start, NoConvergence once
/// the iterates have moved: they diverged).
fn gradient(
    grad: fn(&[f64]) -> Vec<f64>,
    x: &[f64],
    iterations: usize,
) -> Result<Vec<f64>, CalculusError> {
    let g = grad(x);
    if g.len() != x.len() {
        return Err(CalculusError::DimensionMismatch {
            expected: x.len(),
            got: g.len(),
        });
    }
    if x.iter().chain(&g).all(|v| v.is_finite()) {
        Ok(g)
    } else if iterations == 0 {
        Err(CalculusError::NonFinite)
    } else {
        Err(CalculusError::NoConvergence { iterations })
    }
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|vi| vi * vi).sum::<f64>().sqrt()
}
