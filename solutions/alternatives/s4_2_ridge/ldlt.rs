//! Alternative: LDLᵀ (square-root-free Cholesky) instead of LLᵀ, pivots compared with the same tolerance.
//! # 4.2 Tying it together — ridge regression
//!
//! Centring removes the intercept from the penalised problem; the k × k system
//! (X_cᵀX_c + λI)β = X_cᵀy_c is symmetric positive definite for λ > 0 and is solved by a
//! square-root-free LDLᵀ factorisation, two unit triangular solves and a diagonal one.
//!
//! ```text
//! M = X_cᵀX_c + λI = LDLᵀ,   L w = X_cᵀy_c,   D v = w,   Lᵀβ = v,   β₀ = ȳ − x̄ᵀβ
//! ```

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// Fits ridge regression with penalty `lambda` on the coefficients (not on the intercept)
/// and returns `(β₀, β₁, …, βₖ)`, the intercept first.
///
/// # Errors
/// - `ModelError::InvalidParameter { name: "lambda", .. }` unless `lambda` is finite and ≥ 0;
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `y.len()` differs from the number of rows;
/// - `ModelError::NonFinite` when `x` or `y` holds a NaN or ±∞;
/// - `ModelError::RankDeficient { .. }` when λ = 0 and the centred columns are dependent
///   (a Cholesky pivot is ≤ 0 or tiny).
pub fn ridge(x: &DMatrix<f64>, y: &DVector<f64>, lambda: f64) -> Result<DVector<f64>, ModelError> {
    if !(lambda.is_finite() && lambda >= 0.0) {
        return Err(ModelError::InvalidParameter {
            name: "lambda",
            reason: "must be a finite number ≥ 0",
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

    let means: Vec<f64> = x.column_iter().map(|c| c.mean()).collect();
    let y_mean = y.mean();
    let xc = DMatrix::from_fn(n, k, |i, j| x[(i, j)] - means[j]);
    let yc = y.add_scalar(-y_mean);
    let mut m = xc.transpose() * &xc;
    for j in 0..k {
        m[(j, j)] += lambda;
    }
    let b = xc.transpose() * yc;

    // Square-root-free Cholesky M = L D Lᵀ (unit lower L, diagonal D > 0); a pivot dⱼ at
    // rounding level means dependent columns (only when λ = 0).
    let tolerance = (n.max(k) as f64) * f64::EPSILON * m.diagonal().amax();
    let mut l = DMatrix::<f64>::identity(k, k);
    let mut d = DVector::<f64>::zeros(k);
    for j in 0..k {
        let pivot = m[(j, j)] - (0..j).map(|t| l[(j, t)].powi(2) * d[t]).sum::<f64>();
        if pivot <= tolerance {
            return Err(ModelError::RankDeficient {
                rank: j,
                columns: k,
            });
        }
        d[j] = pivot;
        for i in j + 1..k {
            let dot: f64 = (0..j).map(|t| l[(i, t)] * l[(j, t)] * d[t]).sum();
            l[(i, j)] = (m[(i, j)] - dot) / pivot;
        }
    }

    // L w = b (forward, unit diagonal), D v = w, then Lᵀ β = v (backward, unit diagonal).
    let mut w = DVector::zeros(k);
    for i in 0..k {
        w[i] = b[i] - (0..i).map(|t| l[(i, t)] * w[t]).sum::<f64>();
    }
    let v = w.component_div(&d);
    let mut beta = DVector::zeros(k);
    for i in (0..k).rev() {
        beta[i] = v[i] - (i + 1..k).map(|t| l[(t, i)] * beta[t]).sum::<f64>();
    }

    let intercept = y_mean - (0..k).map(|j| means[j] * beta[j]).sum::<f64>();
    Ok(beta.insert_row(0, intercept))
}
