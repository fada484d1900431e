//! # 2.2 Matrix operations — a fast matrix product (challenge)
//!
//! The textbook triple loop does n³ multiply-adds, but on a real machine its speed is
//! decided by memory, not arithmetic: `a[(i, k)]` with k running fastest jumps through
//! memory, because a `DMatrix` stores its entries column by column (column-major: entry
//! (i, j) sits at `as_slice()[i + j·nrows]`). Three ideas make the same arithmetic several
//! times faster:
//!
//! 1. Access order: build column j of C as a sum of columns of A,
//!    C[:, j] = Σₖ bₖⱼ · A[:, k] — every inner loop then runs down contiguous memory, on
//!    plain slices (`as_slice()` / `as_mut_slice()`), with no per-entry index arithmetic.
//! 2. Cache blocking: take k in blocks (say 64 at a time) so that the panel of A in use
//!    stays in the cache while it is reused for many columns of C.
//! 3. Parallelism: different columns of C are independent; hand blocks of columns to
//!    rayon (`c.as_mut_slice().par_chunks_mut(m * columns_per_block)`).
//!
//! ```text
//! (AB)ᵢⱼ = Σₖ aᵢₖ bₖⱼ      ⇔      C[:, j] = Σₖ bₖⱼ · A[:, k]      (A m×p, B p×n, C m×n)
//! ```
//!
//! The checks compare your product with nalgebra's on shapes that are not multiples of
//! any block size (mind the last, partial block!), and time it against a plain i-j-k loop
//! with `a[(i, k)]` indexing compiled in the same build as your code: at n = 96 yours
//! must be at least 2× faster (best of 3 runs each).

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;
use rayon::prelude::*;

/// Returns the matrix product AB, computed cache-blocked and in parallel.
///
/// # Errors
/// - `LinalgError::Empty` when A or B has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: b.shape() }` when A's column
///   count differs from B's row count.
pub fn matmul_blocked(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    // TODO: validate; then split C's storage into blocks of whole columns (par_chunks_mut),
    // and in each block accumulate C[:, j] += b[(k, j)] · A[:, k] over k, in k-blocks.
    todo!()
}
