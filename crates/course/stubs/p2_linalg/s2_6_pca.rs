//! # 2.6 SVD & PCA — principal component analysis through the SVD
//!
//! PCA finds the orthogonal directions along which a data cloud (n rows = samples,
//! d columns = features) varies most. Centre the data first — subtract each column's mean
//! — or the first "direction of variance" just points at the mean. Then the SVD of the
//! centred data X_c = U Σ Vᵀ gives everything: the rows of Vᵀ are the principal axes
//! (components), and σᵢ² / (n − 1) is the variance of the data along axis i. The
//! explained-variance ratio of axis i is its share of the total variance. (Taking the SVD of
//! X_c rather than the eigenvectors of the covariance X_cᵀX_c/(n − 1) avoids squaring the
//! condition number.)
//!
//! ```text
//! x̄ = column means,   X_c = X − 1 x̄ᵀ = U Σ Vᵀ
//! components = first k rows of Vᵀ,   ratioᵢ = σᵢ² / Σⱼ σⱼ²   (j over ALL singular values)
//! transform:          Z = (X − 1 x̄ᵀ) Wᵀ      (W = components, k×d;  Z is n×k)
//! inverse_transform:  X̂ = Z W + 1 x̄ᵀ         (= X exactly when k = d)
//! ```
//!
//! A singular vector is only defined up to sign (−v works as well as v). Make the result
//! reproducible: flip each component so that its largest-|entry| coordinate is positive (the
//! first such coordinate on ties).
//!
//! You may use the course's SVD here: `mathlings_linalg::svd(&x)?` returns a struct with
//! fields `u` (n×r), `singular_values` (r, descending) and `v_t` (r×d), r = min(n, d).
//! (The other routines of `mathlings_linalg` remain off limits.)

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// Returns (components, ratios): the first k principal axes of `data` as the rows of a
/// k×d matrix (unit length, mutually orthogonal, sign-normalised), and the share of the
/// total variance each one explains (descending).
///
/// # Errors
/// - `LinalgError::Empty` when `data` has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::InvalidParameter { name: "data", .. }` for fewer than 2 rows, or when
///   every column is constant (no variance to explain);
/// - `LinalgError::InvalidParameter { name: "k", .. }` unless 1 ≤ k ≤ min(n, d).
pub fn pca(data: &DMatrix<f64>, k: usize) -> Result<(DMatrix<f64>, Vec<f64>), LinalgError> {
    // TODO: validate; centre the columns; take the SVD; keep the first k rows of Vᵀ (sign
    // fixed) and their σᵢ² / Σ σⱼ².
    todo!()
}

/// Returns the scores Z = (X − 1 x̄ᵀ) Wᵀ (n×k) of `data` on the principal axes `components`
/// (k×d), where `mean` is x̄, the column means of the data the axes were fitted on.
///
/// # Errors
/// - `LinalgError::Empty` / `LinalgError::NonFinite` for an empty or non-finite `data`;
/// - `LinalgError::ShapeMismatch { .. }` unless data, mean and components all have d columns.
pub fn transform(
    data: &DMatrix<f64>,
    mean: &DVector<f64>,
    components: &DMatrix<f64>,
) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: check the shapes; subtract the mean from every row; multiply by Wᵀ.
    todo!()
}

/// Returns X̂ = Z W + 1 x̄ᵀ (n×d): the points in the original coordinates that have the
/// scores `scores` (n×k) on the axes `components` (k×d).
///
/// # Errors
/// - `LinalgError::Empty` / `LinalgError::NonFinite` for empty or non-finite `scores`;
/// - `LinalgError::ShapeMismatch { .. }` unless scores has k columns and mean has d entries.
pub fn inverse_transform(
    scores: &DMatrix<f64>,
    mean: &DVector<f64>,
    components: &DMatrix<f64>,
) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: check the shapes; multiply by W; add the mean to every row.
    todo!()
}
