//! # 3.3 Optimization — momentum and Adam
//!
//! On an ill-conditioned problem (a long, narrow valley) plain gradient descent zig-zags
//! across the valley and crawls along it. *Momentum* keeps a velocity: a decaying running sum
//! of past gradients. The components across the valley alternate in sign and cancel; those
//! along it add up, so the method accelerates where it should. *Adam* also keeps a running mean
//! of squared gradients and divides by its square root, so every coordinate moves by about the
//! learning rate whatever the scale of its gradient. Both running means start at 0, which
//! biases them towards 0 in the first steps; dividing by (1 − βᵗ) removes that bias — with it
//! the very first Adam step is exactly η·g/(|g| + ε) per coordinate.
//!
//! ```text
//! momentum:   v₀ = 0,   vₖ₊₁ = β vₖ + ∇f(xₖ),   xₖ₊₁ = xₖ − η vₖ₊₁          (β = 0: plain GD)
//!
//! Adam (t = 1, 2, …, gₜ = ∇f(xₜ₋₁), per coordinate, m₀ = v₀ = 0):
//!   mₜ = β₁ mₜ₋₁ + (1 − β₁) gₜ            m̂ₜ = mₜ / (1 − β₁ᵗ)
//!   vₜ = β₂ vₜ₋₁ + (1 − β₂) gₜ²           v̂ₜ = vₜ / (1 − β₂ᵗ)
//!   xₜ = xₜ₋₁ − η m̂ₜ / (√v̂ₜ + ε)
//! ```
//!
//! Both loops, with k counting the steps taken: evaluate g = ∇f(x) once (check it); if
//! ‖g‖₂ ≤ tol return x; if k == max_iter give up; otherwise update and k += 1. A NaN or ±∞ in the
//! gradient at x0 is bad input (NonFinite); later it means the iterates diverged
//! (NoConvergence).

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
    // TODO: validate, then loop: gradient (stop?), velocity update, position update.
    todo!()
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
    // TODO: validate, then loop: gradient (stop?), update m and v, correct their bias with
    // 1 − β₁ᵗ and 1 − β₂ᵗ (t = the step number, from 1), and step each coordinate.
    todo!()
}
