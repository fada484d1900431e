//! # 4.1 Tying it together — linear regression by gradient descent
//!
//! Least squares has a closed form, but most models do not: they are fitted by walking
//! downhill on the loss. Here you fit y ≈ β₀ + Xβ by batch gradient descent and should land
//! on the same coefficients as the closed form. Gradient descent is fast only when the loss
//! is "round", so first standardise every feature (subtract its mean, divide by its standard
//! deviation), descend in those units, and convert the coefficients back at the end.
//!
//! ```text
//! zᵢⱼ = (xᵢⱼ − x̄ⱼ) / sⱼ,   sⱼ = √((1/n) Σᵢ (xᵢⱼ − x̄ⱼ)²)
//! L(γ₀, γ) = (1/2n) Σᵢ rᵢ²,   rᵢ = γ₀ + zᵢᵀγ − yᵢ
//! ∂L/∂γ₀ = (1/n) Σᵢ rᵢ,   ∇_γ L = (1/n) Zᵀr
//! one epoch:  γ₀ ← γ₀ − η ∂L/∂γ₀,  γ ← γ − η ∇_γ L   (both from the same r), start at 0
//! back to original units:  βⱼ = γⱼ / sⱼ,   β₀ = γ₀ − Σⱼ γⱼ x̄ⱼ / sⱼ
//! ```
//!
//! Record L after every epoch. With standardised features a step η ≤ 0.5 is safe for up to
//! three features (the loss then never increases); a step far too large makes the iterates
//! blow up — report that as an error rather than returning ∞ or NaN.

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// Fits y ≈ β₀ + Xβ by `epochs` steps of batch gradient descent with learning rate
/// `learning_rate` on standardised features; returns `(β, losses)` with β = (β₀, β₁, …, βₖ)
/// in the original units (intercept first) and `losses[e]` the loss L after epoch e + 1.
///
/// # Errors
/// - `ModelError::InvalidParameter { name: "learning_rate", .. }` unless it is finite and > 0;
/// - `ModelError::InvalidParameter { name: "epochs", .. }` when `epochs` is 0;
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `y.len()` differs from the number of rows;
/// - `ModelError::NonFinite` when `x` or `y` holds a NaN or ±∞;
/// - `ModelError::RankDeficient { .. }` when a column is constant (it cannot be standardised);
/// - `ModelError::NoConvergence { iterations }` when the loss stops being finite (the step
///   is too large and the iteration diverges); `iterations` is the epoch where it happened,
///   counted from 1 (1 when the very first step overflows).
pub fn linreg_gradient_descent(
    x: &DMatrix<f64>,
    y: &DVector<f64>,
    learning_rate: f64,
    epochs: usize,
) -> Result<(DVector<f64>, Vec<f64>), ModelError> {
    // TODO: validate; standardise the columns; run the epochs from γ = 0 recording the loss;
    // stop with NoConvergence if it is not finite; convert γ back to β.
    todo!()
}
