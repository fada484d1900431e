//! # 2.1 Scalars, vectors, matrices, tensors — NumPy-style broadcasting
//!
//! Broadcasting lets you combine arrays of different shapes without copying: adding a
//! bias vector of shape [4] to a batch of shape [150, 4] adds it to every row. NumPy's
//! rule: line the two shapes up at their LAST axis (right-aligned); missing leading axes
//! count as length 1; in each aligned position the lengths must be equal, or one of them
//! must be 1 (that axis is stretched, i.e. its single entry is reused).
//!
//! ```text
//!    a:      8 × 1 × 6 × 1
//!    b:          7 × 1 × 5
//!    out:    8 × 7 × 6 × 5       outₐ = max(aₐ, bₐ) when aₐ = bₐ, aₐ = 1 or bₐ = 1
//!
//!    [2, 3] with [3]  → [2, 3]      [3, 1] with [3] → [3, 3]      [3] with [4] → error
//! ```
//!
//! To add, walk over every index of the output shape (row-major: the last index moves
//! fastest); the matching index into each input uses 0 on its stretched (length-1) axes
//! and ignores the output's extra leading axes. The data are flat, row-major buffers.

use mathlings_linalg::LinalgError;

/// Returns the shape that `a` and `b` broadcast to (two 0-d shapes `[]` give `[]`).
///
/// # Errors
/// `LinalgError::TensorShapeMismatch { left: a.to_vec(), right: b.to_vec() }` when some
/// aligned pair of lengths differs and neither is 1.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>, LinalgError> {
    // TODO: align the shapes at the right (missing axes count as 1) and combine each pair.
    todo!()
}

/// Returns `a + b` with broadcasting, as (row-major data, shape). `a` holds the elements
/// of an array of shape `a_shape` in row-major order (a 0-d shape `[]` holds one number),
/// likewise `b`.
///
/// # Errors
/// Checked in this order, for `a` then for `b`:
/// - `LinalgError::Empty` when the data are empty;
/// - `LinalgError::NonFinite` when a value is NaN or ±∞;
/// - `LinalgError::TensorShapeMismatch { left: vec![data.len()], right: shape.to_vec() }`
///   when the data length is not the product of the shape;
///
/// then `LinalgError::TensorShapeMismatch { left: a_shape, right: b_shape }` when the
/// shapes do not broadcast.
pub fn broadcast_add(
    a: &[f64],
    a_shape: &[usize],
    b: &[f64],
    b_shape: &[usize],
) -> Result<(Vec<f64>, Vec<usize>), LinalgError> {
    // TODO: validate both inputs, find the output shape, then for every output index
    // (odometer order) add the matching elements of a and b.
    todo!()
}
