//! # 4.5 Tying it together — PCA: Iris in two dimensions
//!
//! Principal component analysis finds the orthogonal directions along which the data vary
//! most. Centre the data (subtract each column's mean), take its singular value
//! decomposition X_c = U Σ Vᵀ: the rows of Vᵀ are the principal axes, ordered by the
//! variance σᵢ²/(n − 1) along them. Projecting each centred row onto the first k axes gives
//! its k coordinates ("scores") — for Iris, a 2-D picture that keeps ~98% of the variance.
//!
//! ```text
//! X_c = X − 1x̄ᵀ = U Σ Vᵀ          (use mathlings_linalg::svd; `?` converts its error)
//! W = first k rows of Vᵀ  (k × d),   scores Z = X_c Wᵀ  (n × k)
//! explained-variance ratioᵢ = σᵢ² / Σⱼ σⱼ²      (the sum runs over ALL singular values)
//! ```
//!
//! Signs: an axis and its negative are equally valid; use the convention that the entry of
//! largest magnitude in each axis is positive (the svd you are given already returns Vᵀ
//! that way).

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
    // TODO: validate; centre the columns; svd; keep the first k rows of Vᵀ; project; ratios.
    todo!()
}
