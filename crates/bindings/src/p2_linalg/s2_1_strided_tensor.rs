//! The interface of 2.1 — a strided n-d tensor: offsets, reshape, permute.
//!
//! The learner defines a `Tensor` type; the bind macro adapts it into function pointers
//! over plain data: build a tensor with `from_vec`, apply a list of [`Op`]s, and read back
//! its shape, strides, every element (`get`) and every offset (`offset_of`) in row-major
//! index order.

use mathlings_types::LinalgError;
use serde::{Deserialize, Serialize};

/// One operation applied to the tensor, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    /// `t.reshape(&shape)?`
    Reshape(Vec<usize>),
    /// `t.permute(&axes)?`
    Permute(Vec<usize>),
}

/// What the checks read back from a tensor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// `t.shape()`.
    pub shape: Vec<usize>,
    /// `t.strides()`.
    pub strides: Vec<usize>,
    /// `t.get(i)` for every index i in row-major order (empty for absurdly large shapes).
    pub elements: Vec<f64>,
    /// `t.offset_of(i)` for every index i in row-major order.
    pub offsets: Vec<usize>,
}

/// `run`'s signature.
pub type RunFn = fn(Vec<f64>, &[usize], &[Op]) -> Result<Layout, LinalgError>;

/// `offset_of`'s signature.
pub type OffsetFn = fn(Vec<f64>, &[usize], &[Op], &[usize]) -> Result<usize, LinalgError>;

/// The exercise's signature, adapted to plain data.
pub struct Impl {
    /// `Tensor::from_vec(data, shape)` followed by the ops, read back as a [`Layout`].
    pub run: RunFn,
    /// `Tensor::from_vec(data, shape)`, the ops, then `offset_of(index)`.
    pub offset_of: OffsetFn,
}

/// Binds a module that defines the exercise's `Tensor` to an [`Impl`].
#[macro_export]
macro_rules! bind_s2_1_strided_tensor {
    ($($m:ident)::+) => {
        $crate::p2_linalg::s2_1_strided_tensor::Impl {
            run: |data, shape, ops| {
                use $crate::p2_linalg::s2_1_strided_tensor::{Op, layout};
                type T = $($m::)+Tensor;
                let mut t = T::from_vec(data, shape)?;
                for op in ops {
                    t = match op {
                        Op::Reshape(s) => t.reshape(s)?,
                        Op::Permute(a) => t.permute(a)?,
                    };
                }
                layout(t.shape(), t.strides(), |i| t.get(i), |i| t.offset_of(i))
            },
            offset_of: |data, shape, ops, index| {
                use $crate::p2_linalg::s2_1_strided_tensor::Op;
                type T = $($m::)+Tensor;
                let mut t = T::from_vec(data, shape)?;
                for op in ops {
                    t = match op {
                        Op::Reshape(s) => t.reshape(s)?,
                        Op::Permute(a) => t.permute(a)?,
                    };
                }
                t.offset_of(index)
            },
        }
    };
}

/// Largest element count whose every index the checks enumerate.
pub const MAX_ENUMERATED: usize = 100_000;

/// Reads back a tensor's shape, strides, elements and offsets (used by the bind macro).
///
/// # Errors
/// The first error of `get` or `offset_of`.
pub fn layout(
    shape: &[usize],
    strides: &[usize],
    get: impl Fn(&[usize]) -> Result<f64, LinalgError>,
    offset_of: impl Fn(&[usize]) -> Result<usize, LinalgError>,
) -> Result<Layout, LinalgError> {
    let count = shape
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d))
        .unwrap_or(usize::MAX);
    let mut out = Layout {
        shape: shape.to_vec(),
        strides: strides.to_vec(),
        elements: Vec::new(),
        offsets: Vec::new(),
    };
    if count > MAX_ENUMERATED {
        return Ok(out);
    }
    let mut index = vec![0; shape.len()];
    for _ in 0..count {
        out.elements.push(get(&index)?);
        out.offsets.push(offset_of(&index)?);
        for axis in (0..index.len()).rev() {
            index[axis] += 1;
            if index[axis] < shape[axis] {
                break;
            }
            index[axis] = 0;
        }
    }
    Ok(out)
}
