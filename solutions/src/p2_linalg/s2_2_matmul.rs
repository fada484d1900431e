//! # 2.2 Matrix operations — sum, transpose and the matrix product
//!
//! ```text
//! (A + B)ᵢⱼ = aᵢⱼ + bᵢⱼ,   (Aᵀ)ᵢⱼ = aⱼᵢ,   (AB)ᵢⱼ = Σₖ aᵢₖ bₖⱼ
//! ```
//!
//! Every shape problem is reported as a typed error before any indexing happens.

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

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

/// Returns A + B.
///
/// # Errors
/// - `LinalgError::Empty` when A or B has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: b.shape() }` when the shapes differ.
pub fn add(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check(a)?;
    check(b)?;
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

/// Returns Aᵀ (every matrix has one, so this cannot fail).
pub fn transpose(a: &DMatrix<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(a.ncols(), a.nrows(), |i, j| a[(j, i)])
}

/// Returns the matrix product AB.
///
/// # Errors
/// - `LinalgError::Empty` when A or B has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: b.shape() }` when A's column
///   count differs from B's row count.
pub fn matmul(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check(a)?;
    check(b)?;
    if a.ncols() != b.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: b.shape(),
        });
    }
    let (m, p, n) = (a.nrows(), a.ncols(), b.ncols());
    let mut c = DMatrix::zeros(m, n);
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
