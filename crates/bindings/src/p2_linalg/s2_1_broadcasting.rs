//! The interface of 2.1 — NumPy broadcasting: the broadcast shape and a broadcast sum.

use mathlings_types::LinalgError;

/// A broadcast sum's result: (row-major data, shape).
pub type Sum = Result<(Vec<f64>, Vec<usize>), LinalgError>;

/// `broadcast_shapes`'s signature.
pub type ShapesFn = fn(&[usize], &[usize]) -> Result<Vec<usize>, LinalgError>;

/// `broadcast_add`'s signature.
pub type AddFn = fn(&[f64], &[usize], &[f64], &[usize]) -> Sum;

/// The exercise's signature.
pub struct Impl {
    /// `broadcast_shapes(a, b)`: NumPy's broadcast shape, right-aligned.
    pub broadcast_shapes: ShapesFn,
    /// `broadcast_add(a, a_shape, b, b_shape)`: a + b with broadcasting.
    pub broadcast_add: AddFn,
}
