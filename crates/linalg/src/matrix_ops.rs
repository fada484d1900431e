//! Shape-checked matrix arithmetic: sum, transpose, products, a dense layer.

use nalgebra::{DMatrix, DVector};
use rayon::prelude::*;
use std::ops::Range;

use crate::LinalgError;
use crate::validate::{check_matrix, check_slice};

/// Columns of C computed by one rayon task in [`matmul_blocked`].
const COLUMN_BLOCK: usize = 32;
/// Depth of one k-block: a 128-column panel of A is reused for a whole column block.
const DEPTH_BLOCK: usize = 128;
/// Height of one i-block: 256 rows × 128 depth × 8 bytes = 256 KiB of A, cache-sized.
const ROW_BLOCK: usize = 256;

/// `Err(ShapeMismatch)` unless a·b is defined, plus the usual matrix checks.
fn check_product(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<(), LinalgError> {
    check_matrix(a)?;
    check_matrix(b)?;
    if a.ncols() != b.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: b.shape(),
        });
    }
    Ok(())
}

/// The entrywise sum of two matrices of the same shape.
///
/// # Formula
/// ```text
/// (A + B)ᵢⱼ = aᵢⱼ + bᵢⱼ
/// ```
/// where A and B are both m×n.
///
/// # Errors
/// `Empty`, `NonFinite`, `ShapeMismatch` when the shapes differ.
///
/// # Examples
/// ```
/// use mathlings_linalg::{add, LinalgError};
/// use nalgebra::dmatrix;
///
/// assert_eq!(add(&dmatrix![1.0, 2.0], &dmatrix![3.0, 4.0])?, dmatrix![4.0, 6.0]);
/// assert!(matches!(add(&dmatrix![1.0, 2.0], &dmatrix![1.0; 2.0]), Err(LinalgError::ShapeMismatch { .. })));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn add(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_matrix(a)?;
    check_matrix(b)?;
    if a.shape() != b.shape() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: b.shape(),
        });
    }
    Ok(DMatrix::from_fn(a.nrows(), a.ncols(), |i, j| {
        a[(i, j)] + b[(i, j)]
    }))
}

/// The transpose: rows become columns.
///
/// Cannot fail: every matrix, even an empty one, has a transpose.
///
/// # Formula
/// ```text
/// (Aᵀ)ᵢⱼ = aⱼᵢ
/// ```
/// where A is m×n and Aᵀ is n×m.
///
/// # Examples
/// ```
/// use mathlings_linalg::transpose;
/// use nalgebra::dmatrix;
///
/// assert_eq!(transpose(&dmatrix![1.0, 2.0, 3.0]), dmatrix![1.0; 2.0; 3.0]);
/// ```
pub fn transpose(a: &DMatrix<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(a.ncols(), a.nrows(), |i, j| a[(j, i)])
}

/// The matrix product by the textbook triple loop.
///
/// # Formula
/// ```text
/// (A B)ᵢⱼ = Σₖ aᵢₖ bₖⱼ
/// ```
/// where A is m×p, B is p×n and AB is m×n.
///
/// # Errors
/// `Empty`, `NonFinite`, `ShapeMismatch` when A's column count ≠ B's row count.
///
/// # Examples
/// ```
/// use mathlings_linalg::{matmul_naive, LinalgError};
/// use nalgebra::dmatrix;
///
/// let c = matmul_naive(&dmatrix![1.0, 2.0; 3.0, 4.0], &dmatrix![5.0; 6.0])?;
/// assert_eq!(c, dmatrix![17.0; 39.0]);
/// assert!(matches!(
///     matmul_naive(&dmatrix![1.0, 2.0], &dmatrix![1.0, 2.0]),
///     Err(LinalgError::ShapeMismatch { left: (1, 2), right: (1, 2) })
/// ));
/// # Ok::<(), LinalgError>(())
/// ```
pub fn matmul_naive(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_product(a, b)?;
    let (m, p, n) = (a.nrows(), a.ncols(), b.ncols());
    let mut c = DMatrix::<f64>::zeros(m, n);
    for i in 0..m {
        for j in 0..n {
            let mut sum = 0.0;
            for k in 0..p {
                sum += a[(i, k)] * b[(k, j)];
            }
            c[(i, j)] = sum;
        }
    }
    Ok(c)
}

/// The matrix product, cache-blocked and parallel over column blocks of C.
///
/// Same mathematics as [`matmul_naive`], arranged for the hardware. DMatrix stores
/// columns contiguously, so column j of C is built as Σₖ bₖⱼ · (column k of A): the
/// innermost loop runs down contiguous columns of A and C, four columns of C at a time
/// so each loaded entry of A is used four times. The k and i loops are tiled so that a
/// panel of A stays in cache while a whole block of C's columns uses it, and the column
/// blocks of C are independent, so rayon computes them on different cores. The sums are
/// taken in a different order than the naive loop, so results agree to rounding only.
///
/// # Formula
/// ```text
/// C[:, j] = Σₖ bₖⱼ A[:, k],   with k and the rows i taken in blocks
/// ```
/// where A is m×p, B is p×n.
///
/// # Errors
/// `Empty`, `NonFinite`, `ShapeMismatch` when A's column count ≠ B's row count.
///
/// # Examples
/// ```
/// use approx::assert_relative_eq;
/// use mathlings_linalg::{matmul_blocked, LinalgError};
/// use nalgebra::DMatrix;
///
/// let a = DMatrix::from_fn(70, 50, |i, j| (i as f64 - j as f64) / 10.0);
/// let b = DMatrix::from_fn(50, 40, |i, j| (i * j) as f64 / 100.0);
/// assert_relative_eq!(matmul_blocked(&a, &b)?, &a * &b, epsilon = 1e-10);
/// assert!(matmul_blocked(&a, &a).is_err());
/// # Ok::<(), LinalgError>(())
/// ```
pub fn matmul_blocked(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_product(a, b)?;
    let (m, p, n) = (a.nrows(), a.ncols(), b.ncols());
    let mut c = DMatrix::<f64>::zeros(m, n);
    let a_data = a.as_slice();
    let b_data = b.as_slice();
    c.as_mut_slice()
        .par_chunks_mut(m * COLUMN_BLOCK)
        .enumerate()
        .for_each(|(block, c_block)| {
            let first_column = block * COLUMN_BLOCK;
            for k0 in (0..p).step_by(DEPTH_BLOCK) {
                let k1 = (k0 + DEPTH_BLOCK).min(p);
                for i0 in (0..m).step_by(ROW_BLOCK) {
                    let i1 = (i0 + ROW_BLOCK).min(m);
                    multiply_tile(
                        (a_data, b_data, &mut *c_block),
                        (m, p),
                        first_column,
                        k0..k1,
                        i0..i1,
                    );
                }
            }
        });
    Ok(c)
}

/// C[rows, columns of `c_block`] += A[rows, depth] · B[depth, same columns].
///
/// `c_block` holds whole columns of C (m entries each), the first being column
/// `first_column`. Four columns are updated together; a leftover 1–3 one at a time.
fn multiply_tile(
    (a, b, c_block): (&[f64], &[f64], &mut [f64]),
    (m, p): (usize, usize),
    first_column: usize,
    depth: Range<usize>,
    rows: Range<usize>,
) {
    let group_count = c_block.len() / (4 * m);
    let mut groups = c_block.chunks_exact_mut(4 * m);
    for (g, group) in groups.by_ref().enumerate() {
        let j = first_column + 4 * g;
        let (c0, rest) = group.split_at_mut(m);
        let (c1, rest) = rest.split_at_mut(m);
        let (c2, c3) = rest.split_at_mut(m);
        let (c0, c1) = (&mut c0[rows.clone()], &mut c1[rows.clone()]);
        let (c2, c3) = (&mut c2[rows.clone()], &mut c3[rows.clone()]);
        for k in depth.clone() {
            let a_column = &a[k * m + rows.start..k * m + rows.end];
            let (b0, b1) = (b[j * p + k], b[(j + 1) * p + k]);
            let (b2, b3) = (b[(j + 2) * p + k], b[(j + 3) * p + k]);
            let targets = c0
                .iter_mut()
                .zip(c1.iter_mut())
                .zip(c2.iter_mut())
                .zip(c3.iter_mut());
            for ((((x0, x1), x2), x3), &aik) in targets.zip(a_column) {
                *x0 += aik * b0;
                *x1 += aik * b1;
                *x2 += aik * b2;
                *x3 += aik * b3;
            }
        }
    }
    let first_leftover = first_column + 4 * group_count;
    for (r, column) in groups.into_remainder().chunks_exact_mut(m).enumerate() {
        let j = first_leftover + r;
        let column = &mut column[rows.clone()];
        for k in depth.clone() {
            let a_column = &a[k * m + rows.start..k * m + rows.end];
            let bkj = b[j * p + k];
            for (x, &aik) in column.iter_mut().zip(a_column) {
                *x += aik * bkj;
            }
        }
    }
}

/// A fully connected neural-network layer applied to a batch: `Y = X Wᵀ + 1 bᵀ`.
///
/// Row r of X is one input sample; row j of W holds the weights of output unit j.
///
/// # Formula
/// ```text
/// yᵣⱼ = bⱼ + Σₖ xᵣₖ wⱼₖ
/// ```
/// where X is batch×inputs, W is outputs×inputs, b has one entry per output, and Y is
/// batch×outputs.
///
/// # Errors
/// `Empty`, `NonFinite` (in any argument), `ShapeMismatch { left: X's shape, right: W's shape }`
/// when the input counts differ, `ShapeMismatch { left: W's shape, right: (b.len(), 1) }`
/// when b does not have one entry per output.
///
/// # Examples
/// ```
/// use mathlings_linalg::{dense_layer, LinalgError};
/// use nalgebra::{dmatrix, dvector};
///
/// let x = dmatrix![1.0, 2.0; 3.0, 4.0];          // two samples, two inputs
/// let w = dmatrix![1.0, 0.0; 0.0, 1.0; 1.0, 1.0]; // three outputs
/// let y = dense_layer(&x, &w, &dvector![0.0, 0.0, 10.0])?;
/// assert_eq!(y, dmatrix![1.0, 2.0, 13.0; 3.0, 4.0, 17.0]);
/// assert!(dense_layer(&x, &w, &dvector![0.0]).is_err());
/// # Ok::<(), LinalgError>(())
/// ```
pub fn dense_layer(
    x: &DMatrix<f64>,
    w: &DMatrix<f64>,
    b: &DVector<f64>,
) -> Result<DMatrix<f64>, LinalgError> {
    check_matrix(x)?;
    check_matrix(w)?;
    if x.ncols() != w.ncols() {
        return Err(LinalgError::ShapeMismatch {
            left: x.shape(),
            right: w.shape(),
        });
    }
    if b.len() != w.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: w.shape(),
            right: (b.len(), 1),
        });
    }
    check_slice(b.as_slice())?;
    let mut y = matmul_blocked(x, &transpose(w))?;
    for (j, mut column) in y.column_iter_mut().enumerate() {
        column.add_scalar_mut(b[j]);
    }
    Ok(y)
}
