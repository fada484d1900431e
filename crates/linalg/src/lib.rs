//! Verified reference implementations of the linear algebra behind machine learning:
//! vectors, strided tensors, matrix products, LU, QR, Cholesky, eigen-decompositions and
//! the SVD, written to be read by learners and used as the course's oracle.
//!
//! Key design decision: every algorithm is written out here in plain loops over
//! nalgebra's `DMatrix<f64>`/`DVector<f64>` containers — nalgebra's own decompositions
//! appear only in the tests, as the independent oracle this crate is checked against.
//! Every function validates its input and returns a typed [`LinalgError`] instead of
//! panicking.
//!
//! # Example
//! ```
//! use approx::assert_relative_eq;
//! use mathlings_linalg::{least_squares, solve, LinalgError};
//! use nalgebra::{dmatrix, dvector};
//!
//! let a = dmatrix![2.0, 1.0; 1.0, 3.0];
//! assert_relative_eq!(solve(&a, &dvector![3.0, 5.0])?, dvector![0.8, 1.4], epsilon = 1e-14);
//!
//! // A straight line through three points, by Householder QR.
//! let design = dmatrix![1.0, 0.0; 1.0, 1.0; 1.0, 2.0];
//! let coefficients = least_squares(&design, &dvector![1.0, 3.0, 5.0])?;
//! assert_relative_eq!(coefficients, dvector![1.0, 2.0], epsilon = 1e-12);
//! # Ok::<(), LinalgError>(())
//! ```
#![deny(missing_docs)]

mod cholesky;
mod error;
mod inverse;
mod lu;
mod markov;
mod matrix_ops;
mod power_iteration;
mod qr;
mod rank;
mod svd;
mod symmetric_eigen;
mod tensor;
mod triangular;
mod validate;
mod vector;

pub use cholesky::cholesky;
pub use error::LinalgError;
pub use inverse::inverse;
pub use lu::{Lu, determinant, lu, solve};
pub use markov::stationary_distribution;
pub use matrix_ops::{add, dense_layer, matmul_blocked, matmul_naive, transpose};
pub use power_iteration::{PowerIteration, power_iteration};
pub use qr::{Qr, householder_qr, least_squares};
pub use rank::{is_linearly_independent, null_space, rank, rref};
pub use svd::{Svd, condition_number, low_rank_approximation, pseudo_inverse, svd};
pub use symmetric_eigen::{SymmetricEigen, symmetric_eigen};
pub use tensor::{Tensor, broadcast_shapes, row_major_strides};
pub use triangular::{solve_lower_triangular, solve_upper_triangular};
pub use vector::{cosine_similarity, dot, norm, project};
