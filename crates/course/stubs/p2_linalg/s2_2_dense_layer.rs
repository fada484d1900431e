//! # 2.2 Matrix operations — a batched dense (fully connected) layer
//!
//! A dense layer of a neural network maps an input vector x (k numbers) to an output
//! vector y (o numbers): every output unit j has a row of weights wⱼ and a bias bⱼ, and
//! computes yⱼ = wⱼ · x + bⱼ. Networks process a *batch* of samples at once: stack the
//! samples as the rows of X (batch × k) and all outputs come out of one matrix product.
//! Row j of W belongs to output j, so W is o × k — which is why the product needs Wᵀ —
//! and the bias is added to every row (it is indexed by the output, not by the sample).
//!
//! ```text
//! Y = X Wᵀ + 1 bᵀ         yᵣⱼ = bⱼ + Σₖ xᵣₖ wⱼₖ
//!
//! X: batch × k,  W: o × k,  b: o entries,  Y: batch × o
//! ```
//!
//! Write the loops yourself (nalgebra's `*` and `.transpose()` would do it for you).

use mathlings_linalg::LinalgError;
use nalgebra::{DMatrix, DVector};

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
    // TODO: validate, then yᵣⱼ = bⱼ + Σₖ x[(r, k)] · w[(j, k)].
    todo!()
}
