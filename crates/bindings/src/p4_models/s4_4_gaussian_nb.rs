//! The interface of 4.4 — Gaussian naive Bayes (Bayes' theorem + maximum likelihood).

// The exercise's fn-pointer signatures (and their results) are long by nature.
#![allow(clippy::type_complexity)]

use mathlings_types::ModelError;
use nalgebra::DMatrix;

/// `(priors, means, variances)` of a fitted model.
pub type Model = (Vec<f64>, DMatrix<f64>, DMatrix<f64>);

/// The exercise's signature.
pub struct Impl {
    /// `fit_gaussian_nb(x, labels)`: priors, means and MLE variances per class.
    pub fit_gaussian_nb: fn(&DMatrix<f64>, &[usize]) -> Result<Model, ModelError>,
    /// `predict_log_proba(priors, means, variances, x)`: ln P(c | xᵢ).
    pub predict_log_proba:
        fn(&[f64], &DMatrix<f64>, &DMatrix<f64>, &DMatrix<f64>) -> Result<DMatrix<f64>, ModelError>,
}
