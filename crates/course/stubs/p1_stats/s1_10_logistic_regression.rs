//! # 1.10 Linear & logistic regression — logistic regression by Newton's method
//!
//! Logistic regression models the probability of a yes/no label as the sigmoid of a linear
//! score: P(y = true | x) = σ(β₀ + xᵀβ). The coefficients maximise the log-likelihood ℓ(β),
//! a concave function, so Newton's method (also called iteratively reweighted least
//! squares, IRLS) climbs to its maximum in a handful of steps. Two numerical traps: the
//! sigmoid must not overflow (e^1000 is ∞ in f64), and when a line separates the two classes
//! perfectly the maximum does not exist (ℓ keeps growing as ‖β‖ → ∞) — report it.
//!
//! ```text
//! σ(z) = 1 / (1 + e⁻ᶻ)  for z ≥ 0,     σ(z) = eᶻ / (1 + eᶻ)  for z < 0
//! ηᵢ = β₀ + xᵢᵀβ,   pᵢ = σ(ηᵢ),   ℓ(β) = Σᵢ yᵢηᵢ − ln(1 + e^ηᵢ)   (yᵢ = 1 for true)
//! gradient  g = Aᵀ(y − p),   Hessian  −H = −AᵀWA,   W = diag(pᵢ(1 − pᵢ)),   A = [1 X]
//! Newton step:  solve H Δ = g,  β ← β + Δ   (halve Δ while ℓ would decrease)
//! stop when max|Δ| ≤ 1e-10·(1 + max|β|)
//! ```
//!
//! Separation test: after each step, if every row is on its own side (ηᵢ > 0 exactly when
//! yᵢ is true) the classes are separable.

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// The logistic function σ(z) = 1 / (1 + e⁻ᶻ), without overflow for any finite z
/// (σ(1000) = 1, σ(−1000) = 0, never NaN).
pub fn sigmoid(z: f64) -> f64 {
    // TODO: use 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0.
    todo!()
}

/// Fits P(yᵢ = true) = σ(β₀ + xᵢᵀβ) by Newton's method (IRLS) from β = 0 and returns
/// `(β₀, β₁, …, βₖ)`, the intercept first.
///
/// # Errors
/// - `ModelError::InvalidParameter { name: "max_iter", .. }` when `max_iter` is 0;
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `y.len()` differs from the number of rows;
/// - `ModelError::NonFinite` when `x` holds a NaN or ±∞;
/// - `ModelError::PerfectSeparation` when one class is missing or a hyperplane separates
///   the classes (the maximum-likelihood estimate does not exist);
/// - `ModelError::RankDeficient { .. }` when the columns of [1 X] are dependent;
/// - `ModelError::NoConvergence { iterations: max_iter }` when the steps have not become
///   negligible after `max_iter` Newton steps.
pub fn logistic_regression(
    x: &DMatrix<f64>,
    y: &[bool],
    max_iter: usize,
) -> Result<DVector<f64>, ModelError> {
    // TODO: validate; then repeat: compute p, the gradient and AᵀWA, solve for the Newton
    // step (your own elimination), damp it, test for separation and for convergence.
    todo!()
}
