//! # 2.1 Scalars, vectors, matrices, tensors — a strided n-dimensional tensor
//!
//! ```text
//! row-major strides: stride_{k−1} = 1, stride_a = stride_{a+1} · shape_{a+1}
//! offset(i) = Σₐ iₐ · strideₐ,   permute: shape and strides reordered together
//! ```
//!
//! Permute only relabels axes; reshape keeps the buffer when it is in row-major order
//! and otherwise copies the elements out in logical order first.

use mathlings_linalg::LinalgError;

/// An n-dimensional array of `f64`: a flat buffer with a shape and strides.
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    data: Vec<f64>,
    shape: Vec<usize>,
    strides: Vec<usize>,
}

/// The strides of a contiguous row-major array: the last axis moves fastest.
fn row_major_strides(shape: &[usize]) -> Vec<usize> {
    let mut strides = vec![1; shape.len()];
    for axis in (0..shape.len().saturating_sub(1)).rev() {
        strides[axis] = strides[axis + 1] * shape[axis + 1];
    }
    strides
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
        Ok(Tensor {
            data,
            shape: shape.to_vec(),
            strides: row_major_strides(shape),
        })
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
        if index.len() != self.shape.len() {
            return Err(LinalgError::InvalidParameter {
                name: "index",
                reason: "an index needs exactly one entry per axis",
            });
        }
        let mut offset = 0;
        for (axis, ((&i, &len), &stride)) in
            index.iter().zip(&self.shape).zip(&self.strides).enumerate()
        {
            if i >= len {
                return Err(LinalgError::IndexOutOfBounds {
                    axis,
                    index: i,
                    len,
                });
            }
            offset += i * stride;
        }
        Ok(offset)
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
        if shape.iter().product::<usize>() != self.shape.iter().product::<usize>() {
            return Err(LinalgError::TensorShapeMismatch {
                left: self.shape.clone(),
                right: shape.to_vec(),
            });
        }
        let data = if self.strides == row_major_strides(&self.shape) {
            self.data.clone()
        } else {
            self.logical_elements()
        };
        Ok(Tensor {
            data,
            shape: shape.to_vec(),
            strides: row_major_strides(shape),
        })
    }

    /// Reorders the axes: axis a of the result is axis `axes[a]` of `self`. No element
    /// moves in the buffer; `permute(&[1, 0])` transposes a matrix.
    ///
    /// # Errors
    /// `LinalgError::InvalidParameter { name: "axes", .. }` unless `axes` lists every axis
    /// 0..k exactly once.
    pub fn permute(&self, axes: &[usize]) -> Result<Tensor, LinalgError> {
        let k = self.shape.len();
        let mut seen = vec![false; k];
        let is_permutation = axes.len() == k
            && axes.iter().all(|&a| {
                let fresh = a < k && !seen[a];
                if fresh {
                    seen[a] = true;
                }
                fresh
            });
        if !is_permutation {
            return Err(LinalgError::InvalidParameter {
                name: "axes",
                reason: "must list every axis exactly once",
            });
        }
        Ok(Tensor {
            data: self.data.clone(),
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
        })
    }

    /// The elements in row-major index order (last index fastest), whatever the strides:
    /// the index runs like an odometer.
    fn logical_elements(&self) -> Vec<f64> {
        let count: usize = self.shape.iter().product();
        let mut out = Vec::with_capacity(count);
        let mut index = vec![0; self.shape.len()];
        for _ in 0..count {
            let offset: usize = index.iter().zip(&self.strides).map(|(i, s)| i * s).sum();
            out.push(self.data[offset]);
            for axis in (0..index.len()).rev() {
                index[axis] += 1;
                if index[axis] < self.shape[axis] {
                    break;
                }
                index[axis] = 0;
            }
        }
        out
    }
}
