//! # 4.3 Tying it together — logistic regression on Iris: probabilities, boundary, deviance
//!
//! Every quantity starts from the linear scores η = β₀ + Xβ. Probabilities use the stable
//! sigmoid, the deviance the softplus form (no log of 0), and the decision rule the sign
//! of η (the same as p ≥ ½, without rounding in between).
//!
//! ```text
//! pᵢ = σ(ηᵢ),   D = 2 Σᵢ [ max(ηᵢ, 0) + ln(1 + e^−|ηᵢ|) − yᵢηᵢ ],   ŷᵢ = [ηᵢ ≥ 0]
//! ```

use mathlings_models::ModelError;
use nalgebra::{DMatrix, DVector};

/// P(y = true | xᵢ) = σ(β₀ + xᵢᵀβ) for every row of `x`.
///
/// # Errors
/// - `ModelError::Empty` when `x` has no rows or no columns;
/// - `ModelError::ShapeMismatch(_)` when `beta.len()` ≠ columns of `x` + 1;
/// - `ModelError::NonFinite` when `beta` or `x` holds a NaN or ±∞.
pub fn predict_proba(beta: &DVector<f64>, x: &DMatrix<f64>) -> Result<DVector<f64>, ModelError> {
    Ok(scores(beta, x)?.map(sigmoid))
}

/// The deviance D = −2ℓ(β) of the labels `y` under the model, computed without overflow.
///
/// # Errors
/// As [`predict_proba`], plus `ModelError::ShapeMismatch(_)` when `y.len()` ≠ rows of `x`.
pub fn deviance(beta: &DVector<f64>, x: &DMatrix<f64>, y: &[bool]) -> Result<f64, ModelError> {
    let eta = labelled_scores(beta, x, y)?;
    Ok(2.0
        * eta
            .iter()
            .zip(y)
            .map(|(&z, &t)| {
                let softplus = z.max(0.0) + (-z.abs()).exp().ln_1p();
                if t { softplus - z } else { softplus }
            })
            .sum::<f64>())
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
    let eta = labelled_scores(beta, x, y)?;
    let mut counts = [[0; 2]; 2];
    for (&z, &actual) in eta.iter().zip(y) {
        let predicted = z >= 0.0;
        counts[usize::from(actual)][usize::from(predicted)] += 1;
    }
    Ok(counts)
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// η = β₀ + Xβ after validating the shapes and values.
fn scores(beta: &DVector<f64>, x: &DMatrix<f64>) -> Result<DVector<f64>, ModelError> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(ModelError::Empty);
    }
    if beta.len() != x.ncols() + 1 {
        return Err(ModelError::ShapeMismatch(format!(
            "{} coefficients for {} columns (expected the intercept plus one per column)",
            beta.len(),
            x.ncols()
        )));
    }
    if beta.iter().chain(x.iter()).any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    let slopes = beta.rows(1, x.ncols());
    Ok((x * slopes).add_scalar(beta[0]))
}

fn labelled_scores(
    beta: &DVector<f64>,
    x: &DMatrix<f64>,
    y: &[bool],
) -> Result<DVector<f64>, ModelError> {
    let eta = scores(beta, x)?;
    if y.len() != x.nrows() {
        return Err(ModelError::ShapeMismatch(format!(
            "{} rows but {} labels",
            x.nrows(),
            y.len()
        )));
    }
    Ok(eta)
}
