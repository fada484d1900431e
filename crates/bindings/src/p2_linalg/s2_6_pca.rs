//! The interface of 2.6 — PCA through the SVD of the centred data.

use mathlings_types::LinalgError;
use nalgebra::{DMatrix, DVector};

/// The learner's `pca` result: (components as rows, explained-variance ratios).
pub type Fit = Result<(DMatrix<f64>, Vec<f64>), LinalgError>;

/// `transform` and `inverse_transform`: (data or scores, mean, components) ↦ matrix.
pub type MatrixMap =
    fn(&DMatrix<f64>, &DVector<f64>, &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `pca(data, k)`: the first k principal axes (rows) and their variance ratios.
    pub pca: fn(&DMatrix<f64>, usize) -> Fit,
    /// `transform(data, mean, components)`: scores (X − 1x̄ᵀ)Wᵀ.
    pub transform: MatrixMap,
    /// `inverse_transform(scores, mean, components)`: Z W + 1x̄ᵀ.
    pub inverse_transform: MatrixMap,
}
