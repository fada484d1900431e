//! # 4.1 Tying it together — linear regression by gradient descent
//!
//! Standardise the columns, run full-batch gradient descent on half the mean squared error,
//! and map the coefficients back to the original units.
//!
//! ```text
//! r = γ₀ + Zγ − y,   γ₀ ← γ₀ − η·mean(r),   γ ← γ − η·Zᵀr/n
//! βⱼ = γⱼ / sⱼ,      β₀ = γ₀ − Σⱼ γⱼ x̄ⱼ / sⱼ
//! ```

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
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        return Err(ModelError::InvalidParameter {
            name: "learning_rate",
            reason: "must be a finite number > 0",
        });
    }
    if epochs == 0 {
        return Err(ModelError::InvalidParameter {
            name: "epochs",
            reason: "must be at least 1",
        });
    }
    let (n, k) = x.shape();
    if n == 0 || k == 0 {
        return Err(ModelError::Empty);
    }
    if y.len() != n {
        return Err(ModelError::ShapeMismatch(format!(
            "{n} rows in x but {} values in y",
            y.len()
        )));
    }
    if x.iter().chain(y.iter()).any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }

    // Standardise: zᵢⱼ = (xᵢⱼ − x̄ⱼ) / sⱼ.
    let means: Vec<f64> = x.column_iter().map(|c| c.mean()).collect();
    let sds: Vec<f64> = x
        .column_iter()
        .zip(&means)
        .map(|(c, m)| (c.iter().map(|v| (v - m).powi(2)).sum::<f64>() / n as f64).sqrt())
        .collect();
    if sds.contains(&0.0) {
        return Err(ModelError::RankDeficient {
            rank: k,
            columns: k + 1,
        });
    }
    let z = DMatrix::from_fn(n, k, |i, j| (x[(i, j)] - means[j]) / sds[j]);

    let nf = n as f64;
    let mut intercept = 0.0;
    let mut gamma = DVector::zeros(k);
    let mut losses = Vec::with_capacity(epochs);
    for epoch in 0..epochs {
        let residuals = (&z * &gamma).add_scalar(intercept) - y;
        intercept -= learning_rate * residuals.sum() / nf;
        gamma -= z.transpose() * &residuals * (learning_rate / nf);

        let after = (&z * &gamma).add_scalar(intercept) - y;
        let loss = after.norm_squared() / (2.0 * nf);
        if !loss.is_finite() {
            return Err(ModelError::NoConvergence {
                iterations: epoch + 1,
            });
        }
        losses.push(loss);
    }

    let mut beta = DVector::zeros(k + 1);
    beta[0] = intercept;
    for j in 0..k {
        beta[j + 1] = gamma[j] / sds[j];
        beta[0] -= gamma[j] * means[j] / sds[j];
    }
    Ok((beta, losses))
}
