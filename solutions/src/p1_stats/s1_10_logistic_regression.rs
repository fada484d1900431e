//! # 1.10 Linear & logistic regression — logistic regression by Newton's method
//!
//! The sigmoid picks, for each sign of z, the form whose exponential cannot overflow.
//! The fit maximises the log-likelihood by Newton steps on the p × p system
//! (XᵀWX) Δ = Xᵀ(y − p), solved by Gaussian elimination with partial pivoting, halving a
//! step that would lower the log-likelihood. Separation is recognised as soon as the
//! current β classifies every row strictly correctly.
//!
//! ```text
//! σ(z) = 1 / (1 + e⁻ᶻ) (z ≥ 0),   eᶻ / (1 + eᶻ) (z < 0)
//! ℓ(β) = Σᵢ yᵢηᵢ − ln(1 + e^ηᵢ),   ηᵢ = β₀ + xᵢᵀβ
//! ```

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// The logistic function σ(z) = 1 / (1 + e⁻ᶻ), without overflow for any finite z.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
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
    if max_iter == 0 {
        return Err(ModelError::InvalidParameter {
            name: "max_iter",
            reason: "must be at least 1",
        });
    }
    let (n, k) = x.shape();
    if n == 0 || k == 0 {
        return Err(ModelError::Empty);
    }
    if y.len() != n {
        return Err(ModelError::ShapeMismatch(format!(
            "{n} rows but {} labels",
            y.len()
        )));
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    if y.iter().all(|&t| t) || y.iter().all(|&t| !t) {
        return Err(ModelError::PerfectSeparation);
    }
    let a = x.clone().insert_column(0, 1.0);
    let p = k + 1;

    let mut beta = DVector::zeros(p);
    for iteration in 0..max_iter {
        // Gradient Aᵀ(y − p) and Hessian (negated) AᵀWA at β.
        let eta = &a * &beta;
        let mut gradient = DVector::zeros(p);
        let mut hessian = DMatrix::zeros(p, p);
        for i in 0..n {
            let prob = sigmoid(eta[i]);
            let weight = prob * sigmoid(-eta[i]);
            let residual = if y[i] { 1.0 } else { 0.0 } - prob;
            let row = a.row(i);
            gradient += row.transpose() * residual;
            hessian += row.transpose() * row * weight;
        }
        let step = solve(hessian, gradient).ok_or(if iteration == 0 {
            ModelError::RankDeficient {
                rank: p - 1,
                columns: p,
            }
        } else {
            ModelError::PerfectSeparation
        })?;

        // Damped Newton: halve the step while it lowers the log-likelihood.
        let current = log_likelihood(&a, y, &beta);
        let mut scale = 1.0;
        let mut candidate = &beta + &step;
        let mut value = log_likelihood(&a, y, &candidate);
        while value < current - 1e-12 * (1.0 + current.abs()) && scale > 1e-9 {
            scale *= 0.5;
            candidate = &beta + &step * scale;
            value = log_likelihood(&a, y, &candidate);
        }
        beta = candidate;

        let scores = &a * &beta;
        if scores
            .iter()
            .zip(y)
            .all(|(&s, &t)| if t { s > 0.0 } else { s < 0.0 })
        {
            return Err(ModelError::PerfectSeparation);
        }
        if step.amax() <= 1e-10 * (1.0 + beta.amax()) {
            return Ok(beta);
        }
    }
    Err(ModelError::NoConvergence {
        iterations: max_iter,
    })
}

/// ℓ(β) = Σ yᵢηᵢ − ln(1 + e^ηᵢ), with ln(1 + eᶻ) = max(z, 0) + ln(1 + e^−|z|).
fn log_likelihood(a: &DMatrix<f64>, y: &[bool], beta: &DVector<f64>) -> f64 {
    let eta = a * beta;
    eta.iter()
        .zip(y)
        .map(|(&z, &t)| {
            let softplus = z.max(0.0) + (-z.abs()).exp().ln_1p();
            let observed = if t { z } else { 0.0 };
            observed - softplus
        })
        .sum()
}

/// Solves H Δ = g by Gaussian elimination with partial pivoting; `None` when H is
/// (numerically) singular.
fn solve(mut h: DMatrix<f64>, mut g: DVector<f64>) -> Option<DVector<f64>> {
    let p = g.len();
    let tolerance = p as f64 * f64::EPSILON * h.amax();
    for c in 0..p {
        let pivot = (c..p).max_by(|&i, &j| h[(i, c)].abs().total_cmp(&h[(j, c)].abs()))?;
        if h[(pivot, c)].abs() <= tolerance {
            return None;
        }
        h.swap_rows(pivot, c);
        g.swap_rows(pivot, c);
        for r in c + 1..p {
            let factor = h[(r, c)] / h[(c, c)];
            for j in c..p {
                h[(r, j)] -= factor * h[(c, j)];
            }
            g[r] -= factor * g[c];
        }
    }
    let mut step = DVector::zeros(p);
    for i in (0..p).rev() {
        let tail: f64 = (i + 1..p).map(|j| h[(i, j)] * step[j]).sum();
        step[i] = (g[i] - tail) / h[(i, i)];
    }
    Some(step)
}
