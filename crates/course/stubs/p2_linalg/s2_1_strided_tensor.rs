//! # 2.1 Scalars, vectors, matrices, tensors — a strided n-dimensional tensor
//!
//! NumPy and PyTorch store an n-d array as one flat buffer plus a *shape* (the length of
//! each axis) and *strides* (how many buffer positions one step along each axis moves).
//! A fresh array is row-major ("C order"): the last axis moves fastest, so a 2×3 matrix
//! has strides [3, 1]. Transposing or permuting axes then costs nothing: permute the
//! shape and the strides together and leave the buffer alone. Reshape reads the elements
//! in row-major order with a new shape; when the tensor is a permuted view its buffer is
//! not in that order, so reshape must first copy the elements out in logical order.
//!
//! ```text
//! strides (row-major):   stride_{k−1} = 1,   stride_a = stride_{a+1} · shape_{a+1}
//! offset of an index:    offset(i₀, …, iₖ₋₁) = Σₐ iₐ · strideₐ        (0 ≤ iₐ < shapeₐ)
//! permute(axes):         new_shapeₐ = shape_{axes[a]},   new_strideₐ = stride_{axes[a]}
//! reshape(new_shape):    Π new_shape = Π shape, same elements in row-major order
//! ```
//!
//! Example: shape [2, 3, 4] has strides [12, 4, 1]; the index [1, 2, 3] lives at
//! 12 + 8 + 3 = 23. Bad input is a typed error, never a panic: a data length that does
//! not match the shape, an index out of bounds, a reshape that changes the element count,
//! axes that are not a permutation.

use mathlings_linalg::LinalgError;

/// An n-dimensional array of `f64`: a flat buffer with a shape and strides.
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    data: Vec<f64>,
    shape: Vec<usize>,
    strides: Vec<usize>,
}

impl Tensor {
    /// A contiguous row-major tensor holding `data` with the given shape (a 0-d shape
    /// `[]` holds one number).
    ///
    /// # Errors
    /// - `LinalgError::Empty` when `data` is empty;
    /// - `LinalgError::NonFinite` when a value is NaN or ±∞;
    /// - `LinalgError::TensorShapeMismatch { left: vec![data.len()], right: shape.to_vec() }`
    ///   when `data.len()` ≠ the product of the axis lengths.
    pub fn from_vec(data: Vec<f64>, shape: &[usize]) -> Result<Tensor, LinalgError> {
        // TODO: validate, then store the data with the row-major strides of `shape`.
        todo!()
    }

    /// The length of each axis.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// How many buffer positions one step along each axis moves.
    pub fn strides(&self) -> &[usize] {
        &self.strides
    }

    /// The buffer position of a multi-index: Σₐ iₐ · strideₐ.
    ///
    /// # Errors
    /// - `LinalgError::InvalidParameter { name: "index", .. }` when `index` does not have
    ///   one entry per axis;
    /// - `LinalgError::IndexOutOfBounds { axis, index, len }` for the first axis whose
    ///   index is ≥ its length.
    pub fn offset_of(&self, index: &[usize]) -> Result<usize, LinalgError> {
        // TODO: check the index against the shape, then sum index × stride.
        todo!()
    }

    /// The element at a multi-index (given: it reads the buffer at `offset_of(index)`).
    ///
    /// # Errors
    /// As [`Tensor::offset_of`].
    pub fn get(&self, index: &[usize]) -> Result<f64, LinalgError> {
        Ok(self.data[self.offset_of(index)?])
    }

    /// The same elements, read in row-major order, with a new shape.
    ///
    /// # Errors
    /// `LinalgError::TensorShapeMismatch { left: self.shape, right: shape }` when the
    /// element counts differ.
    pub fn reshape(&self, shape: &[usize]) -> Result<Tensor, LinalgError> {
        // TODO: check the counts; if the strides are the row-major strides of the shape,
        // keep the buffer with new strides; otherwise copy the elements out in logical
        // (row-major index) order first.
        todo!()
    }

    /// Reorders the axes: axis a of the result is axis `axes[a]` of `self`. No element
    /// moves in the buffer; `permute(&[1, 0])` transposes a matrix.
    ///
    /// # Errors
    /// `LinalgError::InvalidParameter { name: "axes", .. }` unless `axes` lists every axis
    /// 0..k exactly once.
    pub fn permute(&self, axes: &[usize]) -> Result<Tensor, LinalgError> {
        // TODO: check that `axes` is a permutation of 0..k, then permute shape and strides.
        todo!()
    }
}
