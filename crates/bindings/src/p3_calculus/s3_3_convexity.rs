//! The interface of 3.3 — convexity through positive semidefinite Hessians.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::CalculusError;
use nalgebra::DMatrix;

/// The exercise's signature.
pub struct Impl {
    /// `is_positive_semidefinite(h)`: λ_min(h) ≥ −n·√ε·max|hᵢⱼ|.
    pub is_positive_semidefinite: fn(&DMatrix<f64>) -> Result<bool, CalculusError>,
    /// `is_convex_on(hessian, points)`: the Hessian is PSD at every point.
    pub is_convex_on: fn(fn(&[f64]) -> DMatrix<f64>, &[Vec<f64>]) -> Result<bool, CalculusError>,
}
