//! The interface of 4.5 — PCA by the SVD of the centred data; Iris in two dimensions.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::ModelError;
use nalgebra::{DMatrix, DVector};

/// `(scores, components, ratios)` of a PCA fit.
pub type Fit = Result<(DMatrix<f64>, DMatrix<f64>, DVector<f64>), ModelError>;

/// The exercise's signature.
pub struct Impl {
    /// `pca(x, k)`: scores (n × k), components (k × d), explained-variance ratios (k).
    pub pca: fn(&DMatrix<f64>, usize) -> Fit,
}
