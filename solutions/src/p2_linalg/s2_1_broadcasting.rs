//! # 2.1 Scalars, vectors, matrices, tensors — NumPy-style broadcasting
//!
//! ```text
//! shapes aligned at the right, missing axes = 1:  outₐ = aₐ if aₐ = bₐ or bₐ = 1,  bₐ if aₐ = 1
//! ```
//!
//! The sum walks the output indices in row-major order; each input's offset uses stride
//! 0 on its stretched axes, so no input is ever copied or expanded.

use mathlings_linalg::LinalgError;

/// Returns the shape that `a` and `b` broadcast to (two 0-d shapes `[]` give `[]`).
///
/// # Errors
/// `LinalgError::TensorShapeMismatch { left: a.to_vec(), right: b.to_vec() }` when some
/// aligned pair of lengths differs and neither is 1.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>, LinalgError> {
    let rank = a.len().max(b.len());
    let mut out = vec![0; rank];
    for k in 0..rank {
        // Axis k counted from the right; a missing axis has length 1.
        let da = if k < a.len() { a[a.len() - 1 - k] } else { 1 };
        let db = if k < b.len() { b[b.len() - 1 - k] } else { 1 };
        out[rank - 1 - k] = if da == db || db == 1 {
            da
        } else if da == 1 {
            db
        } else {
            return Err(LinalgError::TensorShapeMismatch {
                left: a.to_vec(),
                right: b.to_vec(),
            });
        };
    }
    Ok(out)
}

/// `Empty`, `NonFinite`, then `TensorShapeMismatch` when the data do not fill the shape.
fn check(data: &[f64], shape: &[usize]) -> Result<(), LinalgError> {
    if data.is_empty() {
        return Err(LinalgError::Empty);
    }
    if data.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    if shape.iter().product::<usize>() != data.len() {
        return Err(LinalgError::TensorShapeMismatch {
            left: vec![data.len()],
            right: shape.to_vec(),
        });
    }
    Ok(())
}

/// The strides with which an input of `shape` is read at the indices of a `rank`-axis
/// output: row-major strides, right-aligned, 0 on stretched (length-1) and missing axes.
fn broadcast_strides(shape: &[usize], rank: usize) -> Vec<usize> {
    let mut strides = vec![0; rank];
    let mut step = 1;
    for k in 0..shape.len() {
        let len = shape[shape.len() - 1 - k];
        if len != 1 {
            strides[rank - 1 - k] = step;
        }
        step *= len;
    }
    strides
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
    check(a, a_shape)?;
    check(b, b_shape)?;
    let shape = broadcast_shapes(a_shape, b_shape)?;
    let rank = shape.len();
    let (a_strides, b_strides) = (
        broadcast_strides(a_shape, rank),
        broadcast_strides(b_shape, rank),
    );
    let count: usize = shape.iter().product();
    let mut out = Vec::with_capacity(count);
    let mut index = vec![0; rank];
    for _ in 0..count {
        let offset =
            |strides: &[usize]| -> usize { index.iter().zip(strides).map(|(i, s)| i * s).sum() };
        out.push(a[offset(&a_strides)] + b[offset(&b_strides)]);
        // Odometer step: bump the last axis, carry leftwards.
        for axis in (0..rank).rev() {
            index[axis] += 1;
            if index[axis] < shape[axis] {
                break;
            }
            index[axis] = 0;
        }
    }
    Ok((out, shape))
}
