//! # 2.6 SVD & PCA — principal component analysis through the SVD
//!
//! ```text
//! X_c = X − 1 x̄ᵀ = U Σ Vᵀ,   components = first k rows of Vᵀ,   ratioᵢ = σᵢ² / Σⱼ σⱼ²
//! Z = (X − 1 x̄ᵀ) Wᵀ,         X̂ = Z W + 1 x̄ᵀ
//! ```
//!
//! Each component is flipped so that its largest-|entry| coordinate is positive.

use mathlings_linalg::LinalgError;
use mathlings_linalg::svd;
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
    check_finite(data)?;
    let (n, d) = data.shape();
    if n < 2 {
        return Err(LinalgError::InvalidParameter {
            name: "data",
            reason: "PCA needs at least 2 rows",
        });
    }
    if k == 0 || k > n.min(d) {
        return Err(LinalgError::InvalidParameter {
            name: "k",
            reason: "the number of components must satisfy 1 ≤ k ≤ min(rows, columns)",
        });
    }

    let mean = data.row_mean().transpose();
    let centred = centre(data, &mean);
    let s = svd(&centred)?;
    let total: f64 = s.singular_values.iter().map(|x| x * x).sum();
    if total == 0.0 {
        return Err(LinalgError::InvalidParameter {
            name: "data",
            reason: "every column is constant: there is no variance to explain",
        });
    }

    let mut components = s.v_t.rows(0, k).into_owned();
    for mut axis in components.row_iter_mut() {
        // The first coordinate of largest magnitude decides the sign.
        let mut largest = 0.0_f64;
        for &x in axis.iter() {
            if x.abs() > largest.abs() {
                largest = x;
            }
        }
        if largest < 0.0 {
            axis.neg_mut();
        }
    }
    let ratios = s
        .singular_values
        .iter()
        .take(k)
        .map(|x| x * x / total)
        .collect();
    Ok((components, ratios))
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
    check_finite(data)?;
    if data.ncols() != mean.len() || components.ncols() != mean.len() {
        return Err(LinalgError::ShapeMismatch {
            left: data.shape(),
            right: components.shape(),
        });
    }
    Ok(centre(data, mean) * components.transpose())
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
    check_finite(scores)?;
    if scores.ncols() != components.nrows() || components.ncols() != mean.len() {
        return Err(LinalgError::ShapeMismatch {
            left: scores.shape(),
            right: components.shape(),
        });
    }
    let mut x = scores * components;
    for mut row in x.row_iter_mut() {
        row += mean.transpose();
    }
    Ok(x)
}

fn check_finite(x: &DMatrix<f64>) -> Result<(), LinalgError> {
    if x.is_empty() {
        return Err(LinalgError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}

/// X − 1 x̄ᵀ: the mean subtracted from every row.
fn centre(x: &DMatrix<f64>, mean: &DVector<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] - mean[j])
}
