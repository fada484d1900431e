//! The product accumulated row by row in i-k-j order (row i of AB += aᵢₖ · row k of B), not as dot products; sum and transpose by iterators.
//!
//! ```text
//! (A + B)ᵢⱼ = aᵢⱼ + bᵢⱼ,   (Aᵀ)ᵢⱼ = aⱼᵢ,   row i of AB = Σₖ aᵢₖ · (row k of B)
//! ```

use mathlings_linalg::LinalgError;
use nalgebra::DMatrix;

/// `Empty` for a matrix with no entries, `NonFinite` for a NaN or ±∞ entry — for each
/// operand in turn.
fn check_both(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<(), LinalgError> {
    if a.is_empty() || b.is_empty() {
        return Err(LinalgError::Empty);
    }
    if a.iter().chain(b.iter()).any(|x| !x.is_finite()) {
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
    check_both(a, b)?;
    if a.shape() != b.shape() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: b.shape(),
        });
    }
    // Both are stored column-major with the same shape: add them entry by entry.
    let sums: Vec<f64> = a.iter().zip(b.iter()).map(|(x, y)| x + y).collect();
    Ok(DMatrix::from_vec(a.nrows(), a.ncols(), sums))
}

/// Returns Aᵀ (every matrix has one, so this cannot fail).
pub fn transpose(a: &DMatrix<f64>) -> DMatrix<f64> {
    // Reading A column by column is reading Aᵀ row by row.
    DMatrix::from_row_slice(a.ncols(), a.nrows(), a.as_slice())
}

/// Returns the matrix product AB.
///
/// # Errors
/// - `LinalgError::Empty` when A or B has no entries;
/// - `LinalgError::NonFinite` when an entry is NaN or ±∞;
/// - `LinalgError::ShapeMismatch { left: a.shape(), right: b.shape() }` when A's column
///   count differs from B's row count.
pub fn matmul(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Result<DMatrix<f64>, LinalgError> {
    check_both(a, b)?;
    if a.ncols() != b.nrows() {
        return Err(LinalgError::ShapeMismatch {
            left: a.shape(),
            right: b.shape(),
        });
    }
    let (m, p, n) = (a.nrows(), a.ncols(), b.ncols());
    let mut c = DMatrix::zeros(m, n);
    for i in 0..m {
        for k in 0..p {
            let aik = a[(i, k)];
            for j in 0..n {
                c[(i, j)] += aik * b[(k, j)];
            }
        }
    }
    Ok(c)
}
