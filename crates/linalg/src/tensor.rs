//! A strided n-dimensional tensor (how NumPy and PyTorch lay out arrays) and NumPy's
//! broadcasting rule.
//!
//! A tensor is a flat buffer plus a shape and strides: element (i₀, …, iₖ₋₁) lives at
//! `offset + Σ iₐ · strideₐ`. Reshape and permute only change shape and strides, never
//! the order of the numbers in the buffer.

use crate::LinalgError;

/// An n-dimensional array of `f64` stored as a flat buffer with shape and strides.
///
/// Views made by [`Tensor::permute`] (and [`Tensor::reshape`] of a contiguous tensor)
/// keep the buffer's order and change only `shape`/`strides`. (The buffer is cloned,
/// not shared, to keep the type simple; the layout arithmetic is what is taught.)
///
/// # Formula
/// ```text
/// position(i₀, …, iₖ₋₁) = offset + Σₐ iₐ · strideₐ
/// ```
///
/// # Examples
/// ```
/// use mathlings_linalg::{LinalgError, Tensor};
///
/// let t = Tensor::from_vec((0..6).map(f64::from).collect(), &[2, 3])?;
/// let transposed = t.permute(&[1, 0])?;
/// assert_eq!(transposed.shape(), &[3, 2]);
/// assert_eq!(transposed.get(&[2, 1])?, t.get(&[1, 2])?);
/// assert_eq!(transposed.to_vec(), vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
/// # Ok::<(), LinalgError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    data: Vec<f64>,
    shape: Vec<usize>,
    strides: Vec<usize>,
    offset: usize,
}

/// The strides of a contiguous row-major (C-order) array: the last axis moves fastest.
///
/// # Formula
/// ```text
/// stride_{k−1} = 1,   stride_a = stride_{a+1} · shape_{a+1}
/// ```
/// where k is the number of axes.
///
/// # Examples
/// ```
/// use mathlings_linalg::row_major_strides;
///
/// assert_eq!(row_major_strides(&[2, 3, 4]), vec![12, 4, 1]);
/// assert_eq!(row_major_strides(&[]), Vec::<usize>::new());
/// ```
pub fn row_major_strides(shape: &[usize]) -> Vec<usize> {
    let mut strides = vec![1; shape.len()];
    for axis in (0..shape.len().saturating_sub(1)).rev() {
        strides[axis] = strides[axis + 1] * shape[axis + 1];
    }
    strides
}

/// The shape two arrays broadcast to under NumPy's rules.
///
/// Shapes are aligned at their last axis; missing leading axes count as 1; two lengths
/// are compatible when equal or when one of them is 1 (which stretches). Two 0-d
/// shapes (scalars) broadcast to the 0-d shape `[]`, as in NumPy.
///
/// # Formula
/// ```text
/// out_a = max(a_a, b_a)   if a_a = b_a, a_a = 1 or b_a = 1   (axes aligned from the right)
/// ```
/// where absent leading axes are taken as length 1.
///
/// # Errors
/// `TensorShapeMismatch` when some aligned pair of lengths differs and neither is 1.
///
/// # Examples
/// ```
/// use mathlings_linalg::{broadcast_shapes, LinalgError};
///
/// assert_eq!(broadcast_shapes(&[8, 1, 6, 1], &[7, 1, 5])?, vec![8, 7, 6, 5]);
/// assert!(matches!(broadcast_shapes(&[3], &[4]), Err(LinalgError::TensorShapeMismatch { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>, LinalgError> {
    let rank = a.len().max(b.len());
    let mut out = vec![0; rank];
    for k in 0..rank {
        // Axis k counted from the right.
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

impl Tensor {
    /// A contiguous row-major tensor holding `data` with the given shape.
    ///
    /// # Formula
    /// ```text
    /// data.len() = Π shape_a,   strides = row_major_strides(shape),   offset = 0
    /// ```
    /// where a runs over the axes (a 0-d shape `[]` holds one number).
    ///
    /// # Errors
    /// `Empty` for no data, `NonFinite`, `TensorShapeMismatch { left: [data.len()], right: shape }`
    /// when the element counts differ.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::{LinalgError, Tensor};
    ///
    /// let t = Tensor::from_vec((0..6).map(f64::from).collect(), &[2, 3])?;
    /// assert_eq!(t.strides(), &[3, 1]);
    /// assert_eq!(t.get(&[1, 2])?, 5.0);
    /// assert!(matches!(
    ///     Tensor::from_vec(vec![1.0, 2.0], &[3]),
    ///     Err(LinalgError::TensorShapeMismatch { .. })
    /// ));
    /// # Ok::<(), LinalgError>(())
    /// ```
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
            offset: 0,
        })
    }

    /// The length of each axis.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::Tensor;
    ///
    /// assert_eq!(Tensor::from_vec(vec![0.0; 6], &[2, 3]).unwrap().shape(), &[2, 3]);
    /// ```
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// How many buffer positions one step along each axis moves.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::Tensor;
    ///
    /// let t = Tensor::from_vec(vec![0.0; 6], &[2, 3]).unwrap();
    /// assert_eq!(t.permute(&[1, 0]).unwrap().strides(), &[1, 3]);
    /// ```
    pub fn strides(&self) -> &[usize] {
        &self.strides
    }

    /// The buffer position of a multi-index.
    ///
    /// # Formula
    /// ```text
    /// position(i₀, …, iₖ₋₁) = offset + Σₐ iₐ · strideₐ
    /// ```
    /// where 0 ≤ iₐ < shapeₐ.
    ///
    /// # Errors
    /// `InvalidParameter` when the index has the wrong number of entries,
    /// `IndexOutOfBounds` when some iₐ ≥ shapeₐ.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::{LinalgError, Tensor};
    ///
    /// let t = Tensor::from_vec(vec![0.0; 24], &[2, 3, 4])?;
    /// assert_eq!(t.offset_of(&[1, 2, 3])?, 12 + 8 + 3);
    /// assert!(matches!(t.offset_of(&[2, 0, 0]), Err(LinalgError::IndexOutOfBounds { axis: 0, .. })));
    /// # Ok::<(), LinalgError>(())
    /// ```
    pub fn offset_of(&self, index: &[usize]) -> Result<usize, LinalgError> {
        if index.len() != self.shape.len() {
            return Err(LinalgError::InvalidParameter {
                name: "index",
                reason: "an index needs exactly one entry per axis",
            });
        }
        let mut position = self.offset;
        for (axis, (&i, (&len, &stride))) in index
            .iter()
            .zip(self.shape.iter().zip(&self.strides))
            .enumerate()
        {
            if i >= len {
                return Err(LinalgError::IndexOutOfBounds {
                    axis,
                    index: i,
                    len,
                });
            }
            position += i * stride;
        }
        Ok(position)
    }

    /// The element at a multi-index.
    ///
    /// # Formula
    /// ```text
    /// t[i₀, …, iₖ₋₁] = data[offset + Σₐ iₐ · strideₐ]
    /// ```
    /// where the strides are those of this (possibly permuted) view.
    ///
    /// # Errors
    /// As [`Tensor::offset_of`].
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::{LinalgError, Tensor};
    ///
    /// let t = Tensor::from_vec(vec![1.0, 2.0, 3.0, 4.0], &[2, 2])?;
    /// assert_eq!(t.get(&[1, 0])?, 3.0);
    /// assert!(t.get(&[0]).is_err());
    /// # Ok::<(), LinalgError>(())
    /// ```
    pub fn get(&self, index: &[usize]) -> Result<f64, LinalgError> {
        Ok(self.data[self.offset_of(index)?])
    }

    /// Whether the strides are exactly the row-major strides of the shape.
    fn is_contiguous(&self) -> bool {
        self.strides == row_major_strides(&self.shape)
    }

    /// The same elements, read in row-major order, with a new shape.
    ///
    /// A contiguous tensor keeps its buffer and only gets new strides; a permuted
    /// (non-contiguous) one is first copied into row-major order, as NumPy does.
    ///
    /// # Formula
    /// ```text
    /// Π new_shape = Π shape,   reshape(t).to_vec() = t.to_vec()
    /// ```
    /// where Π is the product of the axis lengths.
    ///
    /// # Errors
    /// `TensorShapeMismatch` when the element counts differ.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::{LinalgError, Tensor};
    ///
    /// let t = Tensor::from_vec((0..6).map(f64::from).collect(), &[2, 3])?;
    /// let r = t.reshape(&[3, 2])?;
    /// assert_eq!(r.get(&[2, 0])?, 4.0);
    /// assert!(t.reshape(&[4]).is_err());
    /// # Ok::<(), LinalgError>(())
    /// ```
    pub fn reshape(&self, shape: &[usize]) -> Result<Tensor, LinalgError> {
        if shape.iter().product::<usize>() != self.shape.iter().product::<usize>() {
            return Err(LinalgError::TensorShapeMismatch {
                left: self.shape.clone(),
                right: shape.to_vec(),
            });
        }
        if self.is_contiguous() {
            return Ok(Tensor {
                data: self.data.clone(),
                shape: shape.to_vec(),
                strides: row_major_strides(shape),
                offset: self.offset,
            });
        }
        Tensor::from_vec(self.to_vec(), shape)
    }

    /// Reorders the axes: axis a of the result is axis `axes[a]` of `self`.
    ///
    /// No number moves in the buffer: shape and strides are permuted together. The
    /// transpose of a matrix is `permute(&[1, 0])`.
    ///
    /// # Formula
    /// ```text
    /// new_shapeₐ = shape_{axes[a]},   new_strideₐ = stride_{axes[a]}
    /// ```
    /// where `axes` is a permutation of 0..k.
    ///
    /// # Errors
    /// `InvalidParameter` unless `axes` is a permutation of 0..k.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::{LinalgError, Tensor};
    ///
    /// let t = Tensor::from_vec((0..6).map(f64::from).collect(), &[2, 3])?;
    /// let tt = t.permute(&[1, 0])?;
    /// assert_eq!(tt.shape(), &[3, 2]);
    /// assert_eq!(tt.to_vec(), vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
    /// assert!(t.permute(&[0, 0]).is_err());
    /// # Ok::<(), LinalgError>(())
    /// ```
    pub fn permute(&self, axes: &[usize]) -> Result<Tensor, LinalgError> {
        let k = self.shape.len();
        let mut seen = vec![false; k];
        for &a in axes {
            if a >= k || seen[a] {
                return Err(LinalgError::InvalidParameter {
                    name: "axes",
                    reason: "must list every axis exactly once",
                });
            }
            seen[a] = true;
        }
        if axes.len() != k {
            return Err(LinalgError::InvalidParameter {
                name: "axes",
                reason: "must list every axis exactly once",
            });
        }
        Ok(Tensor {
            data: self.data.clone(),
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
            offset: self.offset,
        })
    }

    /// The elements in logical row-major order (last index fastest), whatever the strides.
    ///
    /// # Formula
    /// ```text
    /// out[Σₐ iₐ · row_major_strideₐ] = t[i₀, …, iₖ₋₁]
    /// ```
    /// where the multi-index runs like an odometer.
    ///
    /// # Examples
    /// ```
    /// use mathlings_linalg::Tensor;
    ///
    /// let t = Tensor::from_vec(vec![1.0, 2.0, 3.0, 4.0], &[2, 2]).unwrap();
    /// assert_eq!(t.to_vec(), vec![1.0, 2.0, 3.0, 4.0]);
    /// ```
    pub fn to_vec(&self) -> Vec<f64> {
        let count: usize = self.shape.iter().product();
        let mut out = Vec::with_capacity(count);
        let mut index = vec![0; self.shape.len()];
        for _ in 0..count {
            let position: usize = self.offset
                + index
                    .iter()
                    .zip(&self.strides)
                    .map(|(i, s)| i * s)
                    .sum::<usize>();
            out.push(self.data[position]);
            // Odometer step: bump the last axis, carry leftwards.
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
