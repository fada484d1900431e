//! # 1.10 Linear & logistic regression — multiple least squares by QR
//!
//! The design [1 X] is equilibrated (each column scaled to unit norm), reduced to upper
//! triangular R by Householder reflections that are applied to y at the same time, and
//! β comes from back substitution. The normal equations AᵀA are never formed.
//!
//! ```text
//! A D⁻¹ = Q R,   R z = (Qᵀy)[0..p],   β = D⁻¹ z,   D = diag(‖a₀‖, …, ‖aₖ‖)
//! ```

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// Fits y ≈ β₀ + Xβ by least squares through a Householder QR of [1 X]; returns the
/// coefficients `(β₀, β₁, …, βₖ)` (intercept first, k = number of columns of `x`) and R².
///
/// # Errors
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `y.len()` differs from the number of rows;
/// - `ModelError::NonFinite` when `x` or `y` holds a NaN or ±∞;
/// - `ModelError::TooFewRows { needed: k + 2, got: n }` when n ≤ k + 1 (no residual left);
/// - `ModelError::RankDeficient { rank, columns: k + 1 }` when a column of [1 X] is
///   (numerically) a combination of the others, e.g. a duplicated or constant column.
pub fn ols(x: &DMatrix<f64>, y: &DVector<f64>) -> Result<(DVector<f64>, f64), ModelError> {
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
    let p = k + 1;
    if n <= p {
        return Err(ModelError::TooFewRows {
            needed: p + 1,
            got: n,
        });
    }

    // A = [1 X], every column scaled to unit length.
    let design = x.clone().insert_column(0, 1.0);
    let scales: Vec<f64> = design
        .column_iter()
        .map(|c| if c.norm() > 0.0 { c.norm() } else { 1.0 })
        .collect();
    let mut r = design.clone();
    for (j, s) in scales.iter().enumerate() {
        r.column_mut(j).unscale_mut(*s);
    }
    let mut qty = y.clone();

    // Householder: zero column j below the diagonal, applying the same reflection to y.
    for j in 0..p {
        let mut v: Vec<f64> = (j..n).map(|i| r[(i, j)]).collect();
        let norm = v.iter().map(|a| a * a).sum::<f64>().sqrt();
        if norm == 0.0 {
            continue;
        }
        let alpha = if v[0] > 0.0 { -norm } else { norm };
        v[0] -= alpha;
        let vv: f64 = v.iter().map(|a| a * a).sum();
        for c in j..p {
            let d: f64 = (j..n).map(|i| v[i - j] * r[(i, c)]).sum::<f64>() * 2.0 / vv;
            for i in j..n {
                r[(i, c)] -= d * v[i - j];
            }
        }
        let d: f64 = (j..n).map(|i| v[i - j] * qty[i]).sum::<f64>() * 2.0 / vv;
        for i in j..n {
            qty[i] -= d * v[i - j];
        }
    }

    // Columns of unit length: |rⱼⱼ| at rounding level means column j is dependent.
    let tolerance = n.max(p) as f64 * f64::EPSILON;
    let rank = (0..p).filter(|&j| r[(j, j)].abs() > tolerance).count();
    if rank < p {
        return Err(ModelError::RankDeficient { rank, columns: p });
    }

    // Back substitution R z = (Qᵀy)[0..p], then undo the scaling.
    let mut z = DVector::zeros(p);
    for i in (0..p).rev() {
        let tail: f64 = (i + 1..p).map(|c| r[(i, c)] * z[c]).sum();
        z[i] = (qty[i] - tail) / r[(i, i)];
    }
    let beta = DVector::from_fn(p, |j, _| z[j] / scales[j]);

    let residuals = y - &design * &beta;
    let mean = y.mean();
    let total: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    let r_squared = if total > 0.0 {
        1.0 - residuals.norm_squared() / total
    } else {
        1.0
    };
    Ok((beta, r_squared))
}
