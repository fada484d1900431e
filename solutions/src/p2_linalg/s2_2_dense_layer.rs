//! # 2.2 Matrix operations — a batched dense (fully connected) layer
//!
//! ```text
//! Y = X Wᵀ + 1 bᵀ,   yᵣⱼ = bⱼ + Σₖ xᵣₖ wⱼₖ
//! ```
//!
//! Row r of X meets row j of W: both are read along k, so no transpose is ever built.

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

/// `Empty` for a matrix with no entries, `NonFinite` for a NaN or ±∞ entry.
fn check(a: &DMatrix<f64>) -> Result<(), LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}

/// Returns Y = X Wᵀ + 1 bᵀ for a batch X (one sample per row), weights W (one output
/// unit per row) and bias b (one entry per output unit).
///
/// # Errors
/// Checked in this order:
/// - `LinalgError::Empty` when X or W has no entries;
/// - `LinalgError::NonFinite` when an entry of X or W is NaN or ±∞;
/// - `LinalgError::ShapeMismatch { left: x.shape(), right: w.shape() }` when X and W have
///   different column counts (inputs per sample);
/// - `LinalgError::ShapeMismatch { left: w.shape(), right: (b.len(), 1) }` when b does not
///   have one entry per row of W;
/// - `LinalgError::NonFinite` when an entry of b is NaN or ±∞.
pub fn dense_layer(
    x: &DMatrix<f64>,
    w: &DMatrix<f64>,
    b: &DVector<f64>,
) -> Result<DMatrix<f64>, LinalgError> {
    check(x)?;
    check(w)?;
    if x.ncols() != w.ncols() {
        return Err(LinalgError::ShapeMismatch {
            left: x.shape(),
            right: w.shape(),
        });
    }
    if b.len() != w.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: w.shape(),
            right: (b.len(), 1),
        });
    }
    if b.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    let (batch, inputs, outputs) = (x.nrows(), x.ncols(), w.nrows());
    let mut y = DMatrix::zeros(batch, outputs);
    for r in 0..batch {
        for j in 0..outputs {
            let mut sum = b[j];
            for k in 0..inputs {
                sum += x[(r, k)] * w[(j, k)];
            }
            y[(r, j)] = sum;
        }
    }
    Ok(y)
}
