//! The interface of 4.3 — a logistic-regression pipeline on Iris: probabilities, decision rule,
//! confusion matrix and held-out deviance.

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::ModelError;
use nalgebra::{DMatrix, DVector};

/// A 2 × 2 confusion matrix, row = actual, column = predicted.
pub type Confusion = [[usize; 2]; 2];

/// The exercise's signature.
pub struct Impl {
    /// `predict_proba(beta, x)`: σ(β₀ + xᵢᵀβ) per row.
    pub predict_proba: fn(&DVector<f64>, &DMatrix<f64>) -> Result<DVector<f64>, ModelError>,
    /// `deviance(beta, x, y)`: −2ℓ(β).
    pub deviance: fn(&DVector<f64>, &DMatrix<f64>, &[bool]) -> Result<f64, ModelError>,
    /// `confusion_matrix(beta, x, y)`: counts by (actual, predicted).
    pub confusion_matrix:
        fn(&DVector<f64>, &DMatrix<f64>, &[bool]) -> Result<Confusion, ModelError>,
}
