//! Alternative: the scores read off the SVD as U·Σ (first k columns) instead of projecting X_c onto the axes.
//! # 4.5 Tying it together — PCA: Iris in two dimensions
//!
//! Centre, decompose the centred data by the SVD (never the covariance matrix, which would
//! square the condition number), keep the first k right singular vectors as axes.
//!
//! ```text
//! X_c = U Σ Vᵀ,   W = Vᵀ[0..k, ..],   Z = X_c Wᵀ,   ratioᵢ = σᵢ² / Σⱼ σⱼ²
//! ```

use mathlings_linalg::svd;
use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// A PCA result: `(scores, components, ratios)` — n × k, k × d and k values.
pub type PcaFit = (DMatrix<f64>, DMatrix<f64>, DVector<f64>);

/// Fits PCA with `k` components and returns `(scores, components, ratios)`: the n × k
/// coordinates of the rows of `x`, the k × d principal axes (one per row, unit length) and
/// the k explained-variance ratios (descending).
///
/// # Errors
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::NonFinite` when `x` holds a NaN or ±∞;
/// - `ModelError::TooFewRows { needed: 2, got }` when `x` has fewer than 2 rows;
/// - `ModelError::InvalidParameter { name: "k", .. }` unless 1 ≤ k ≤ min(n, d);
/// - `ModelError::InvalidParameter { name: "x", .. }` when every column is constant.
pub fn pca(x: &DMatrix<f64>, k: usize) -> Result<PcaFit, ModelError> {
    let (n, d) = x.shape();
    if n == 0 || d == 0 {
        return Err(ModelError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    if n < 2 {
        return Err(ModelError::TooFewRows { needed: 2, got: n });
    }
    if k == 0 || k > n.min(d) {
        return Err(ModelError::InvalidParameter {
            name: "k",
            reason: "must be between 1 and min(rows, columns)",
        });
    }

    let means: Vec<f64> = x.column_iter().map(|c| c.mean()).collect();
    let centred = DMatrix::from_fn(n, d, |i, j| x[(i, j)] - means[j]);
    let decomposition = svd(&centred)?;
    let total: f64 = decomposition.singular_values.iter().map(|s| s * s).sum();
    if total == 0.0 {
        return Err(ModelError::InvalidParameter {
            name: "x",
            reason: "every column is constant: there is no variance to explain",
        });
    }

    // The axes are the first k rows of Vᵀ, each with its largest-|entry| positive.
    let mut components = decomposition.v_t.rows(0, k).into_owned();
    for mut axis in components.row_iter_mut() {
        let largest = axis.iter().fold(
            0.0_f64,
            |best, &v| if v.abs() > best.abs() { v } else { best },
        );
        if largest < 0.0 {
            axis.neg_mut();
        }
    }
    // X_c Vₖ = U Σ Vᵀ Vₖ = Uₖ Σₖ: the scores are the first k left singular vectors, each
    // scaled by its singular value (and flipped with its axis).
    let scores = DMatrix::from_fn(n, k, |i, j| {
        let sign = if (components.row(j) - decomposition.v_t.row(j)).amax() == 0.0 {
            1.0
        } else {
            -1.0
        };
        sign * decomposition.u[(i, j)] * decomposition.singular_values[j]
    });
    let ratios = decomposition
        .singular_values
        .rows(0, k)
        .map(|s| s * s / total);
    Ok((scores, components, ratios))
}
