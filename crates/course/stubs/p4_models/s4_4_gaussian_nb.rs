//! # 4.4 Tying it together — Gaussian naive Bayes
//!
//! Naive Bayes classifies with Bayes' theorem: the posterior of class c given a row x is
//! proportional to the prior P(c) times the likelihood P(x | c). "Naive" means the features
//! are treated as independent within a class, so the likelihood is a product of one normal
//! density per feature; "Gaussian" means each density's mean and variance are fitted by
//! maximum likelihood (divide by n_c, not n_c − 1). Multiplying many densities underflows
//! to 0, so everything is done in logs and normalised with the log-sum-exp trick.
//!
//! ```text
//! P(c) = n_c / n,   μ_cj = (1/n_c) Σ_{i∈c} xᵢⱼ,   σ²_cj = (1/n_c) Σ_{i∈c} (xᵢⱼ − μ_cj)²
//! jᵢc = ln P(c) − ½ Σⱼ [ ln(2π σ²_cj) + (xᵢⱼ − μ_cj)² / σ²_cj ]        (log joint)
//! ln P(c | xᵢ) = jᵢc − LSE(jᵢ·),   LSE(v) = m + ln Σ_c e^(v_c − m),  m = max_c v_c
//! ```

use mathlings_models::ModelError;
use nalgebra::DMatrix;

/// A fitted model: `(priors, means, variances)`, with one row of `means` and `variances`
/// per class.
pub type Model = (Vec<f64>, DMatrix<f64>, DMatrix<f64>);

/// Fits the class priors, per-class means and per-class MLE variances; returns
/// `(priors, means, variances)` where `priors[c]` = P(c) and row c of `means` / `variances`
/// holds μ_c· / σ²_c·. The classes are 0..k with k = max(label) + 1.
///
/// # Errors
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `labels.len()` ≠ rows of `x`;
/// - `ModelError::NonFinite` when `x` holds a NaN or ±∞;
/// - `ModelError::InvalidLabel(_)` when a class in 0..k has no rows;
/// - `ModelError::InvalidParameter { .. }` when a feature is constant within a class (σ² = 0).
pub fn fit_gaussian_nb(x: &DMatrix<f64>, labels: &[usize]) -> Result<Model, ModelError> {
    // TODO: validate; for each class collect its rows, then its share, means and /n_c variances.
    todo!()
}

/// The log posteriors ln P(c | xᵢ): one row per row of `x`, one column per class.
///
/// # Errors
/// - `ModelError::ShapeMismatch(_)` when there are no classes, when `priors`, `means` and
///   `variances` disagree on the number of classes or features, or when `x` has a different
///   number of columns;
/// - `ModelError::NonFinite` when an input holds a NaN or ±∞;
/// - `ModelError::InvalidParameter { .. }` when a prior is ≤ 0 or a variance is ≤ 0.
pub fn predict_log_proba(
    priors: &[f64],
    means: &DMatrix<f64>,
    variances: &DMatrix<f64>,
    x: &DMatrix<f64>,
) -> Result<DMatrix<f64>, ModelError> {
    // TODO: log joint per (row, class), then subtract the row's log-sum-exp.
    todo!()
}
