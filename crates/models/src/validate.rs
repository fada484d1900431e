//! Input checks shared by every model: emptiness, finiteness and shapes.

use nalgebra::{DMatrix, DVector};

use crate::ModelError;

/// Rejects a feature matrix with no rows or no columns, or with a NaN/±∞ entry.
pub(crate) fn check_features(x: &DMatrix<f64>) -> Result<(), ModelError> {
    if x.nrows() == 0 || x.ncols() == 0 {
        return Err(ModelError::Empty);
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    Ok(())
}

/// Rejects an empty slice or one with a NaN/±∞ entry.
pub(crate) fn check_values(values: &[f64]) -> Result<(), ModelError> {
    if values.is_empty() {
        return Err(ModelError::Empty);
    }
    if values.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    Ok(())
}

/// Checks a feature matrix and a target vector of one value per row.
pub(crate) fn check_features_and_target(
    x: &DMatrix<f64>,
    y: &DVector<f64>,
) -> Result<(), ModelError> {
    check_features(x)?;
    check_rows(x, y.len(), "target")?;
    check_values(y.as_slice())
}

/// Checks that `len` (the length of a per-row input called `what`) equals the row count.
pub(crate) fn check_rows(x: &DMatrix<f64>, len: usize, what: &str) -> Result<(), ModelError> {
    if x.nrows() != len {
        return Err(ModelError::ShapeMismatch(format!(
            "{} feature rows but {len} {what} values",
            x.nrows()
        )));
    }
    Ok(())
}

/// Checks new data passed to a fitted model: finite, and as many columns as in training.
pub(crate) fn check_new_features(x: &DMatrix<f64>, columns: usize) -> Result<(), ModelError> {
    if x.ncols() != columns {
        return Err(ModelError::ShapeMismatch(format!(
            "model was fitted on {columns} feature columns, got {}",
            x.ncols()
        )));
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(ModelError::NonFinite);
    }
    Ok(())
}

/// Rejects a learning rate, tolerance or penalty that is not a finite number > 0
/// (or ≥ 0 when `allow_zero`).
pub(crate) fn check_positive(
    value: f64,
    name: &'static str,
    allow_zero: bool,
) -> Result<(), ModelError> {
    let ok = value.is_finite() && (value > 0.0 || (allow_zero && value == 0.0));
    if ok {
        Ok(())
    } else if allow_zero {
        Err(ModelError::InvalidParameter {
            name,
            reason: "must be a finite number ≥ 0",
        })
    } else {
        Err(ModelError::InvalidParameter {
            name,
            reason: "must be a finite number > 0",
        })
    }
}
