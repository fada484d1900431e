//! # 2.2 Matrix operations — a fast matrix product (challenge)
//!
//! ```text
//! C[:, j] = Σₖ bₖⱼ · A[:, k]      (column-major storage: every inner loop is contiguous)
//! ```
//!
//! Rayon tasks own disjoint blocks of C's columns; within a task, k runs in blocks so the
//! panel of A in use stays in cache while all the task's columns consume it.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;
use rayon::prelude::*;

/// Columns of C computed by one rayon task.
const COLUMNS_PER_TASK: usize = 16;
/// Columns of A (entries of k) per cache block: 64 columns of 128 rows are 64 KiB.
const DEPTH_BLOCK: usize = 64;

/// `Empty` for a matrix with no entries, `NonFinite` for a NaN or ±∞ entry.
fn check(a: &DMatrix<f64>) -> Result<(), LinalgError> {
    if a.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().any(|x| !x.is_finite()) {
        return Err(LinalgError::NonFinite);
    }
    Ok(())
}

/// Returns the matrix product AB, computed cache-blocked and in parallel.
///
/// # Errors
/// - `LinalgError::Empty` when A or B has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: b.shape() }` when A's column
///   count differs from B's row count.
pub fn matmul_blocked(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check(a)?;
    check(b)?;
    if a.ncols() != b.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: b.shape(),
        });
    }
    let (m, p) = (a.nrows(), a.ncols());
    let mut c = DMatrix::zeros(m, b.ncols());
    let (a_data, b_data) = (a.as_slice(), b.as_slice());
    c.as_mut_slice()
        .par_chunks_mut(m * COLUMNS_PER_TASK)
        .enumerate()
        .for_each(|(block, c_block)| {
            let first_column = block * COLUMNS_PER_TASK;
            for k0 in (0..p).step_by(DEPTH_BLOCK) {
                // The last block may be partial.
                let k1 = (k0 + DEPTH_BLOCK).min(p);
                for (offset, c_column) in c_block.chunks_mut(m).enumerate() {
                    let b_column = &b_data[(first_column + offset) * p..][..p];
                    for k in k0..k1 {
                        let bkj = b_column[k];
                        let a_column = &a_data[k * m..][..m];
                        for (cij, aik) in c_column.iter_mut().zip(a_column) {
                            *cij += aik * bkj;
                        }
                    }
                }
            }
        });
    Ok(c)
}
