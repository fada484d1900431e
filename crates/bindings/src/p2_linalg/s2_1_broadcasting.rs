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

/// Binds a module that defines the exercise's functions to an [`Impl`].
#[macro_export]
macro_rules! bind_s2_1_broadcasting {
    ($($m:ident)::+) => {
        $crate::p2_linalg::s2_1_broadcasting::Impl {
            broadcast_shapes: $($m::)+broadcast_shapes,
            broadcast_add: $($m::)+broadcast_add,
        }
    };
}
