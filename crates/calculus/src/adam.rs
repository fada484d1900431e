//! Adam: gradient descent with per-coordinate step sizes from running moment estimates.

use crate::validate::{check_decay, check_max_iter, check_point, check_positive, norm};
use crate::{CalculusError, Minimization, minimization::gradient_at};

/// Minimizes f with Adam (Kingma & Ba, 2015): momentum on the gradient (first moment) and a
/// per-coordinate scale from the running mean of squared gradients (second moment).
///
/// Dividing by √v̂ makes each coordinate's step roughly η whatever the gradient's scale, so
/// badly scaled coordinates move alike. Both running means start at 0 and are biased towards
/// 0 early on; dividing by (1 − βᵗ) removes that bias, which makes the very first step exactly
/// η·g/(|g| + ε) per coordinate. Stops as soon as ‖∇f(x)‖₂ ≤ tol.
///
/// # Formula
/// ```text
/// mₜ = β₁ mₜ₋₁ + (1 − β₁) gₜ          v̂ₜ = vₜ / (1 − β₂ᵗ)
/// vₜ = β₂ vₜ₋₁ + (1 − β₂) gₜ²         m̂ₜ = mₜ / (1 − β₁ᵗ)
/// xₜ = xₜ₋₁ − η m̂ₜ / (√v̂ₜ + ε)
/// ```
/// where gₜ = ∇f(xₜ₋₁), squares and roots are per coordinate, m₀ = v₀ = 0, t = 1, 2, …,
/// η > 0 is the learning rate, β₁, β₂ ∈ [0, 1) the decay rates (typically 0.9 and 0.999) and
/// ε > 0 a small guard against division by 0 (typically 1e-8).
///
/// # Errors
/// - [`CalculusError::Empty`] if x0 is empty; [`CalculusError::NonFinite`] if x0 or the
///   gradient at x0 has a NaN or ±∞.
/// - [`CalculusError::InvalidParameter`] if learning_rate, epsilon or tol is not finite and
///   > 0, beta1 or beta2 is outside [0, 1), or max_iter is 0.
/// - [`CalculusError::DimensionMismatch`] if grad returns a vector of another length.
/// - [`CalculusError::NoConvergence`] if the tolerance is not met within max_iter steps, or
///   the iterates diverge.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_calculus::{CalculusError, adam};
///
/// // Badly scaled: f(x, y) = x² + 1000 y².
/// let grad = |p: &[f64]| vec![2.0 * p[0], 2000.0 * p[1]];
/// let m = adam(grad, &[1.0, 1.0], 0.05, 0.9, 0.999, 1e-8, 1e-6, 20_000).unwrap();
/// assert_relative_eq!(m.x[0], 0.0, epsilon = 1e-6);
/// assert_relative_eq!(m.x[1], 0.0, epsilon = 1e-6);
///
/// assert!(matches!(
///     adam(grad, &[1.0, 1.0], 0.05, 0.9, 0.999, 0.0, 1e-6, 100),
///     Err(CalculusError::InvalidParameter { name: "epsilon", .. })
/// ));
/// ```
#[allow(clippy::too_many_arguments)] // the textbook's hyper-parameters, each named
pub fn adam(
    grad: impl Fn(&[f64]) -> Vec<f64>,
    x0: &[f64],
    learning_rate: f64,
    beta1: f64,
    beta2: f64,
    epsilon: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Minimization, CalculusError> {
    check_point(x0)?;
    check_positive("learning_rate", learning_rate)?;
    check_decay("beta1", beta1)?;
    check_decay("beta2", beta2)?;
    check_positive("epsilon", epsilon)?;
    check_positive("tol", tol)?;
    check_max_iter(max_iter)?;

    let mut x = x0.to_vec();
    let mut first_moment = vec![0.0; x.len()];
    let mut second_moment = vec![0.0; x.len()];
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
        iterations += 1;
        // t = iterations: the bias corrections 1 − βᵗ.
        let t = i32::try_from(iterations).unwrap_or(i32::MAX);
        let correction1 = 1.0 - beta1.powi(t);
        let correction2 = 1.0 - beta2.powi(t);
        for i in 0..x.len() {
            first_moment[i] = beta1 * first_moment[i] + (1.0 - beta1) * g[i];
            second_moment[i] = beta2 * second_moment[i] + (1.0 - beta2) * g[i] * g[i];
            let m_hat = first_moment[i] / correction1;
            let v_hat = second_moment[i] / correction2;
            x[i] -= learning_rate * m_hat / (v_hat.sqrt() + epsilon);
        }
    }
}
