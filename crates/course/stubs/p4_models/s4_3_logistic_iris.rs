//! # 4.3 Tying it together — logistic regression on Iris: probabilities, boundary, deviance
//!
//! A fitted model is only useful if we can judge it on rows it has not seen. Here the
//! coefficients β = (β₀, β₁, …, βₖ) come from a Newton fit on training rows (your 1.10
//! exercise); you write what a pipeline does with them on held-out rows: the predicted
//! probabilities, the decision rule (predict true when p ≥ ½, i.e. when the linear score
//! is ≥ 0 — the decision boundary is the hyperplane β₀ + xᵀβ = 0), the confusion matrix,
//! and the deviance −2ℓ, which measures how surprised the model is by the true labels.
//!
//! ```text
//! ηᵢ = β₀ + xᵢᵀβ,   pᵢ = σ(ηᵢ),   predicted true ⇔ ηᵢ ≥ 0
//! deviance D = −2 Σᵢ [ yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ) ] = 2 Σᵢ [ ln(1 + e^ηᵢ) − yᵢηᵢ ]
//! ln(1 + eᶻ) = max(z, 0) + ln(1 + e^−|z|)          (never overflows; use f64::ln_1p)
//! confusion[a][p] = number of rows with actual a and predicted p   (index 0 = false, 1 = true)
//! ```
//!
//! A confidently wrong prediction (η = 800 for a false row) has p = 1 in f64, so ln(1 − p)
//! is −∞; the right-hand form of D stays finite (it adds 1600).

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// P(y = true | xᵢ) = σ(β₀ + xᵢᵀβ) for every row of `x`.
///
/// # Errors
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `beta.len()` ≠ columns of `x` + 1;
/// - `ModelError::NonFinite` when `beta` or `x` holds a NaN or ±∞.
pub fn predict_proba(beta: &DVector<f64>, x: &DMatrix<f64>) -> Result<DVector<f64>, ModelError> {
    // TODO: validate, then σ(β₀ + Σⱼ βⱼ xᵢⱼ) for each row, with a sigmoid that cannot overflow.
    todo!()
}

/// The deviance D = −2ℓ(β) of the labels `y` under the model, computed without overflow.
///
/// # Errors
/// As [`predict_proba`], plus `ModelError::ShapeMismatch(_)` when `y.len()` ≠ rows of `x`.
pub fn deviance(beta: &DVector<f64>, x: &DMatrix<f64>, y: &[bool]) -> Result<f64, ModelError> {
    // TODO: 2 Σᵢ [softplus(ηᵢ) − yᵢ ηᵢ] with softplus(z) = max(z, 0) + ln_1p(e^−|z|).
    todo!()
}

/// The 2 × 2 confusion matrix: `[[true negatives, false positives], [false negatives,
/// true positives]]` (row = actual label, column = predicted label; predicted true ⇔ η ≥ 0).
///
/// # Errors
/// As [`deviance`].
pub fn confusion_matrix(
    beta: &DVector<f64>,
    x: &DMatrix<f64>,
    y: &[bool],
) -> Result<[[usize; 2]; 2], ModelError> {
    // TODO: count, for each row, matrix[actual as usize][predicted as usize] += 1.
    todo!()
}
