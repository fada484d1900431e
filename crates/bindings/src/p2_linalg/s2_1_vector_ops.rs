//! The interface of 2.1 — dot product, p-norms, cosine similarity, projection.

use mathlings_types::LinalgError;

/// `project`'s signature.
pub type ProjectFn = fn(&[f64], &[f64]) -> Result<Vec<f64>, LinalgError>;

/// The exercise's signature.
pub struct Impl {
    /// `dot(a, b)`: Σ aᵢ bᵢ.
    pub dot: fn(&[f64], &[f64]) -> Result<f64, LinalgError>,
    /// `norm(x, p)`: the p-norm, p ≥ 1 or ∞.
    pub norm: fn(&[f64], f64) -> Result<f64, LinalgError>,
    /// `cosine_similarity(a, b)`: a·b / (‖a‖₂‖b‖₂).
    pub cosine_similarity: fn(&[f64], &[f64]) -> Result<f64, LinalgError>,
    /// `project(v, onto)`: the projection of v on the line through `onto`.
    pub project: ProjectFn,
}
