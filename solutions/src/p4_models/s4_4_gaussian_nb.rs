//! # 4.4 Tying it together — Gaussian naive Bayes
//!
//! Fitting is counting and averaging per class (MLE: divide by n_c). Prediction stays in
//! log space: the log joint of each class, normalised by a log-sum-exp that subtracts the
//! largest term before exponentiating, so nothing underflows even with hundreds of features.
//!
//! ```text
//! jᵢc = ln P(c) − ½ Σⱼ [ ln(2π σ²_cj) + (xᵢⱼ − μ_cj)² / σ²_cj ],   ln P(c | xᵢ) = jᵢc − LSE(jᵢ·)
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
    let (n, d) = x.shape();
    if n == 0 || d == 0 {
        return Err(ModelError::Empty);
    }
    if labels.len() != n {
        return Err(ModelError::ShapeMismatch(format!(
            "{n} rows but {} labels",
            labels.len()
        )));
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    let classes = labels.iter().max().map_or(0, |m| m + 1);
    let mut priors = Vec::with_capacity(classes);
    let mut means = DMatrix::zeros(classes, d);
    let mut variances = DMatrix::zeros(classes, d);
    for c in 0..classes {
        let rows: Vec<usize> = (0..n).filter(|&i| labels[i] == c).collect();
        if rows.is_empty() {
            return Err(ModelError::InvalidLabel(format!("class {c} has no rows")));
        }
        let n_c = rows.len() as f64;
        priors.push(n_c / n as f64);
        for j in 0..d {
            let mean = rows.iter().map(|&i| x[(i, j)]).sum::<f64>() / n_c;
            let variance = rows
                .iter()
                .map(|&i| (x[(i, j)] - mean).powi(2))
                .sum::<f64>()
                / n_c;
            if variance <= 0.0 {
                return Err(ModelError::InvalidParameter {
                    name: "x",
                    reason: "a feature is constant within a class (zero variance)",
                });
            }
            means[(c, j)] = mean;
            variances[(c, j)] = variance;
        }
    }
    Ok((priors, means, variances))
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
    let classes = priors.len();
    let d = means.ncols();
    if classes == 0
        || means.nrows() != classes
        || variances.shape() != means.shape()
        || x.ncols() != d
    {
        return Err(ModelError::ShapeMismatch(format!(
            "{classes} priors, means {:?}, variances {:?}, x with {} columns",
            means.shape(),
            variances.shape(),
            x.ncols()
        )));
    }
    let values = priors.iter().chain(means.iter()).chain(variances.iter());
    if values.chain(x.iter()).any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    if priors.iter().chain(variances.iter()).any(|&v| v <= 0.0) {
        return Err(ModelError::InvalidParameter {
            name: "priors/variances",
            reason: "must be > 0",
        });
    }

    let two_pi = 2.0 * std::f64::consts::PI;
    let mut log_proba = DMatrix::zeros(x.nrows(), classes);
    for i in 0..x.nrows() {
        for c in 0..classes {
            let mut joint = priors[c].ln();
            for j in 0..d {
                let variance = variances[(c, j)];
                let deviation = x[(i, j)] - means[(c, j)];
                joint -= 0.5 * ((two_pi * variance).ln() + deviation * deviation / variance);
            }
            log_proba[(i, c)] = joint;
        }
        // Log-sum-exp: subtract the largest log joint before exponentiating.
        let largest = log_proba.row(i).max();
        let sum: f64 = log_proba.row(i).iter().map(|v| (v - largest).exp()).sum();
        let log_evidence = largest + sum.ln();
        for c in 0..classes {
            log_proba[(i, c)] -= log_evidence;
        }
    }
    Ok(log_proba)
}
